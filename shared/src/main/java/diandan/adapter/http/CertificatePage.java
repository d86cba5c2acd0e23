package diandan.adapter.http;

import diandan.domain.hours.Capture;
import diandan.domain.hours.Certificate;
import diandan.domain.hours.HalfHours;
import diandan.domain.identity.DocumentType;

/**
 * The certificate as a printable HTML page (A4, no scripts, no external resources). Every value is escaped:
 * names and activity titles are user input.
 */
public final class CertificatePage {
    public static final String TITLE = "志愿服务记录证明";

    private CertificatePage() {
    }

    public static String render(Certificate c) {
        StringBuilder rows = new StringBuilder();
        int line = 0;
        for (Certificate.Service s : c.services()) {
            rows.append("<tr><td>").append(++line).append("</td><td>").append(s.date())
                    .append("</td><td>").append(escape(s.content()))
                    .append("</td><td class=\"num\">").append(HalfHours.toHours(s.halfHours()).toPlainString())
                    .append("</td><td>").append(escape(s.organiser())).append("</td></tr>\n");
        }
        if (c.services().isEmpty()) {
            rows.append("<tr><td colspan=\"5\">暂无已认证的志愿服务记录</td></tr>\n");
        }
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>" + TITLE + " " + escape(c.number()) + "</title>\n"
                + "<style>\n"
                + "@page { size: A4; margin: 20mm; }\n"
                + "body { font-family: \"Songti SC\", \"SimSun\", serif; color: #000; max-width: 180mm; margin: auto; }\n"
                + "h1 { text-align: center; letter-spacing: 0.3em; }\n"
                + "table { width: 100%; border-collapse: collapse; margin: 1em 0; }\n"
                + "th, td { border: 1px solid #000; padding: 4px 6px; font-size: 11pt; }\n"
                + "td.num { text-align: right; }\n"
                + ".meta { display: flex; justify-content: space-between; }\n"
                + ".issuer { text-align: right; margin-top: 3em; }\n"
                + "</style>\n</head>\n<body>\n"
                + "<h1>" + TITLE + "</h1>\n"
                + "<p class=\"meta\"><span>证明编号：" + escape(c.number()) + "</span><span>出具日期："
                + c.issuedOn() + "</span></p>\n"
                + "<p>兹证明志愿者 <strong>" + escape(c.volunteerName()) + "</strong>（志愿者编号："
                + escape(c.volunteerNumber() == null ? c.volunteerId() : c.volunteerNumber())
                + (c.identityType() == null ? "" : "，" + DocumentType.fromCode(c.identityType()).map(DocumentType::label)
                        .orElse(c.identityType()) + "：" + escape(c.maskedIdentityNumber()))
                + (c.maskedPhone() == null ? "" : "，联系电话：" + escape(c.maskedPhone()))
                + "）累计参加经认证的志愿服务 <strong>" + c.services().size() + "</strong> 次，服务时长共计 <strong>"
                + HalfHours.toHours(c.totalHalfHours()).toPlainString() + "</strong> 小时（其中现场签到 "
                + HalfHours.toHours(c.halfHoursBy(Capture.CHECK_IN)).toPlainString() + " 小时，补录 "
                + HalfHours.toHours(c.halfHoursBy(Capture.MANUAL)).toPlainString() + " 小时）。明细如下：</p>\n"
                + (c.starLevel() == 0 ? "" : "<p>星级：" + "★".repeat(c.starLevel()) + "（" + c.starLevel() + " 星级志愿者）</p>\n")
                + "<table>\n<thead><tr><th>序号</th><th>服务日期</th><th>服务内容</th><th>时长（小时）</th>"
                + "<th>组织单位</th></tr></thead>\n<tbody>\n" + rows + "</tbody>\n</table>\n"
                + "<p>以上记录由出具单位记录并经认证，真实、准确、完整。</p>\n"
                + "<p>备注：" + escape(c.remarks()) + "</p>\n"
                + "<p class=\"issuer\">出具单位：" + escape(c.issuer().organisation()) + "<br>负责人："
                + blankIfNone(c.issuer().personInCharge()) + "　经办人：" + blankIfNone(c.issuer().handler())
                + "<br>联系方式：" + blankIfNone(c.issuer().contact()) + "<br>" + c.issuedOn() + "</p>\n"
                + "</body>\n</html>\n";
    }

    /** A field not set yet is a line to fill in by hand. */
    private static String blankIfNone(String text) {
        return text == null ? "＿＿＿＿＿＿" : escape(text);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(ch);
            }
        }
        return escaped.toString();
    }
}
