package diandan.domain.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import diandan.domain.Codes;

/**
 * What a message says, in Chinese, with its variables: the SMS text, and the fields of the WeChat subscription
 * template (each variable one field, in order; the mini-program's template ids are configured per deployment).
 * Variables are codes, area and category names, times and short request numbers: never a resident's name,
 * phone, address or words.
 *
 * <p>An urgent message goes out at once; one that is not waits out the recipient's quiet hours.
 */
public enum MessageTemplate {
    /** To a team's leaders: a request arrived, the respond clock runs. */
    NEW_ORDER(true, "【点单】{category}服务请求（{community}，单号{ref}）已派给您的服务队，请在{respondBy}前接单。",
            "thing1:category", "thing2:community", "character_string3:ref", "time4:respondBy"),
    /** To the resident. */
    ACCEPTED(true, "【点单】您的{category}服务请求（单号{ref}）已由志愿服务队受理。",
            "thing1:category", "character_string2:ref"),
    REPLIED(true, "【点单】志愿服务队回复了您的{category}服务请求（单号{ref}），请在小程序中查看。",
            "thing1:category", "character_string2:ref"),
    RESOLVED(true, "【点单】您的{category}服务请求（单号{ref}）已办结。",
            "thing1:category", "character_string2:ref"),
    /** Not urgent: waits out quiet hours. */
    RATING_INVITATION(false, "【点单】请为您的{category}服务（单号{ref}）评价，7天内有效。",
            "thing1:category", "character_string2:ref"),
    /** To a team's leaders: a clock has run most of its time (never waits: the respond clock is minutes). */
    BREACH_WARNING(true, "【点单】{category}服务请求（{community}，单号{ref}）即将超时未{missed}，请尽快处理。",
            "thing1:category", "thing2:community", "character_string3:ref", "phrase4:missed"),
    /** To the dispatchers of the escalation level's area. */
    ESCALATED(true, "【点单】{community}的{category}服务请求（单号{ref}）超时未{missed}，已升级为{level}级预警。",
            "thing1:community", "thing2:category", "character_string3:ref", "phrase4:missed"),
    /** To the resident who made a wish: a team claimed it. Not urgent: no clock of theirs runs on it. */
    WISH_CLAIMED(false, "【点单】您在心愿墙上的{category}心愿（单号{ref}）已被志愿服务队认领，服务队将与您联系。",
            "thing1:category", "character_string2:ref"),
    /** To the volunteer: their hours count now. Not urgent. */
    HOURS_CERTIFIED(false, "【点单】您{date}的{category}志愿服务时长{hours}小时已认证（记录号{ref}）。",
            "thing1:category", "time2:date", "number3:hours", "character_string4:ref"),
    /** To the team's leaders: a volunteer disputes a record (their words stay in the app). Not urgent. */
    HOURS_DISPUTED(false, "【点单】志愿者对{date}的{category}服务时长记录（记录号{ref}）提出异议，请在小程序中查看处理。",
            "thing1:category", "time2:date", "character_string3:ref"),
    /** To the volunteer: their certified hours reached a star level's step. Not urgent. */
    STAR_LEVEL_REACHED(false, "【点单】恭喜！您累计认证的志愿服务时长已达到{level}星标准，成为{stars}星级志愿者。",
            "number1:level", "thing2:stars");

    public final boolean urgent;
    private final String text;
    private final List<String> wechatFields;

    MessageTemplate(boolean urgent, String text, String... wechatFields) {
        this.urgent = urgent;
        this.text = text;
        this.wechatFields = List.of(wechatFields);
    }

    public String code() {
        return Codes.of(this);
    }

    public static java.util.Optional<MessageTemplate> parse(String code) {
        return Codes.parse(MessageTemplate.class, code);
    }

    /** The SMS text (and the record of any message): every {@code {name}} replaced by its variable. */
    public String render(Map<String, String> variables) {
        String rendered = text;
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            rendered = rendered.replace("{" + variable.getKey() + "}", variable.getValue());
        }
        if (rendered.contains("{")) {
            throw new IllegalArgumentException(code() + " lacks a variable: " + rendered);
        }
        return rendered;
    }

    /**
     * The subscription message's data: WeChat field key to value, each cut to 20 characters (the most a
     * {@code thing} field takes).
     */
    public Map<String, String> wechatData(Map<String, String> variables) {
        Map<String, String> data = new LinkedHashMap<>();
        for (String field : wechatFields) {
            String[] keyAndVariable = field.split(":");
            String value = variables.getOrDefault(keyAndVariable[1], "");
            data.put(keyAndVariable[0], value.length() > 20 ? value.substring(0, 20) : value);
        }
        return data;
    }
}
