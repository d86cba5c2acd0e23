package diandan.app.request;

/**
 * A submission as the client sent it, before validation. {@code residentId} lets an operator link a hotline
 * request to a resident's account; {@code projectId} orders a project from the menu.
 */
public record NewRequest(String category, String description, String communityId, String address,
                         String contactName, String contactPhone, String channel, String preferredTime,
                         String residentId, String projectId) {
    /** A submission in a category, not ordered from the menu. */
    public NewRequest(String category, String description, String communityId, String address, String contactName,
                      String contactPhone, String channel, String preferredTime, String residentId) {
        this(category, description, communityId, address, contactName, contactPhone, channel, preferredTime,
                residentId, null);
    }
}
