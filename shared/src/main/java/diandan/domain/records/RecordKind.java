package diandan.domain.records;

/** The records a volunteer's file holds beside their hours (志愿服务条例 art. 19): trainings taken, awards received. */
public enum RecordKind {
    TRAINING("training"),
    AWARD("award");

    private final String code;

    RecordKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
