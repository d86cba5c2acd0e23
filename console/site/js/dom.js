// Building the page from data without ever parsing data as HTML: every text goes in as a text node.
const SVG = 'http://www.w3.org/2000/svg';

function build(element, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** An HTML element: h('p', {class: 'x'}, 'text', otherElement). */
export const h = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children);

/** An SVG element, built the same way. */
export const s = (tag, attrs, ...children) => build(document.createElementNS(SVG, tag), attrs, children);

/** Replaces what an element holds. */
export function show(target, ...children) {
  target.replaceChildren();
  build(target, {}, children);
  return target;
}

/** A short status line that says what happened (ok or the API's problem). */
export function notice(target, text, kind = 'ok') {
  show(target, h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text));
}
