package diandan.adapter.dynamodb;

import java.util.Set;

/**
 * The table's key attributes and indexes (template.yaml defines them; this names them once for the code).
 * Lists sort by {@code listSort = createdAt#id}; the due index buckets pending deadlines by hour and shard
 * ({@link DuePartitions}), and the district due index keeps the same entries by district ({@code districtKey},
 * {@code dueSort}) for the desk's deadlines ahead.
 */
public final class Keys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String LIST_SORT = "listSort";
    public static final String OWNER_KEY = "ownerKey";
    public static final String COMMUNITY_KEY = "communityKey";
    public static final String STREET_KEY = "streetKey";
    public static final String DISTRICT_KEY = "districtKey";
    public static final String TEAM_KEY = "teamKey";
    public static final String QUEUE_KEY = "queueKey";
    public static final String DUE_KEY = "dueKey";
    public static final String DUE_SORT = "dueSort";

    public static final String BY_OWNER = "ByOwner";
    public static final String BY_COMMUNITY = "ByCommunity";
    public static final String BY_STREET = "ByStreet";
    public static final String BY_DISTRICT = "ByDistrict";
    public static final String BY_TEAM = "ByTeam";
    public static final String BY_QUEUE = "ByQueue";
    public static final String BY_DUE = "ByDue";
    public static final String BY_DISTRICT_DUE = "ByDistrictDue";

    public static final String UNROUTED_QUEUE = "QUEUE#unrouted";
    public static final String WISH_QUEUE = "QUEUE#open_wish";
    /** Alerts not yet handed to the alert topic (the sweeper publishes them). */
    public static final String ALERT_OUTBOX = "QUEUE#alert_outbox";

    /**
     * The {@code ByDue} partition of closed and cancelled requests still holding contact data, sorted by when they
     * ended: the retention job reads those ended before its cut-off, and an erased request leaves it.
     */
    public static final String CONTACT_KEPT = "ERASE#contact";

    private Keys() {
    }

    /** The key attributes of an index's items as a page cursor carries them. */
    public static Set<String> cursorKeys(String partitionAttr) {
        return Set.of(PK, SK, partitionAttr, LIST_SORT);
    }
}
