package diandan.app.registry;

/**
 * The national record fields of a volunteer as a client gives them: the national volunteer number and an
 * identity document (type and number), each absent when not given. Never printed whole: the number is personal
 * data of the highest class.
 */
public record RecordFieldsForm(String volunteerNumber, String identityType, String identityNumber) {
    public static final RecordFieldsForm NONE = new RecordFieldsForm(null, null, null);

    boolean identityGiven() {
        return identityType != null || identityNumber != null;
    }

    @Override
    public String toString() {
        return "RecordFieldsForm[" + volunteerNumber + ", " + identityType + "]";
    }
}
