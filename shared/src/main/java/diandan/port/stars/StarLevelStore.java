package diandan.port.stars;

import java.util.Optional;

import diandan.domain.stars.StarLevels;

/** The deployment's star-level steps, as an admin last set them. */
public interface StarLevelStore {
    /** The steps set, or empty while none were. */
    Optional<StarLevels> find();

    void save(StarLevels levels);
}
