package diandan.app.request;

/**
 * A submission as the client sent it, before validation. {@code residentId} lets an operator link a hotline
 * request to a resident's account.
 */
public record NewRequest(String category, String description, String communityId, String address,
                         String contactName, String contactPhone, String channel, String preferredTime,
                         String residentId) {
}
