package diandan.adapter.http;

import java.util.List;

import diandan.app.hours.HoursExport;
import diandan.domain.hours.HalfHours;
import diandan.domain.hours.HoursRecord;

/**
 * Certified hours as CSV for the national volunteer service system's import (its columns mapped in
 * docs/national-export.md): UTF-8 with a byte-order mark (so
 * that spreadsheets read the Chinese text as UTF-8), CRLF line ends, RFC 4180 quoting, and text that starts
 * like a formula prefixed with an apostrophe (a spreadsheet would run it).
 */
public final class HoursCsv {
    static final String BOM = "\uFEFF";
    static final List<String> HEADER = List.of("记录编号", "志愿者编号", "志愿者姓名", "服务日期", "服务时长（小时）",
            "服务内容", "服务类别", "组织队伍", "队伍编号", "社区", "街道", "来源类型", "来源编号", "认证人", "认证时间",
            "全国志愿者编号", "证件类型", "证件号码");

    private HoursCsv() {
    }

    public static String write(List<HoursExport.Row> rows) {
        StringBuilder csv = new StringBuilder(BOM);
        line(csv, HEADER);
        for (HoursExport.Row row : rows) {
            HoursRecord r = row.record();
            line(csv, List.of(r.id(), r.volunteerId(), nonNull(row.volunteerName()), r.date().toString(),
                    HalfHours.toHours(r.halfHours()).toPlainString(), r.content(), r.category(), r.teamName(),
                    r.teamId(), r.area().communityId(), r.area().streetId(), r.source().type().code(), r.source().id(),
                    nonNull(r.certifiedBy()), r.certifiedAt() == null ? "" : r.certifiedAt().toString(),
                    nonNull(row.volunteerNumber()), nonNull(row.identityType()), nonNull(row.identityNumber())));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append("\r\n");
    }

    static String field(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
