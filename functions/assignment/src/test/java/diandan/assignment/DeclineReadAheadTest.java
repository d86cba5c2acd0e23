package diandan.assignment;

import static diandan.devkit.ApiEvents.leader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;

/**
 * A decline reads, with the request, the loads of the teams that could take what the declining team gives back.
 * A request that team could not have taken (sent to it by hand) has candidates outside them: their loads are read
 * before routing, which never takes a load it did not read for an idle one.
 */
@ExtendWith(DynaliteExtension.class)
class DeclineReadAheadTest {
    /** Legal aid for xibei-yimian: its street's team (capacity 4), then the district's. */
    static final String STREET_TEAM = "wenhuilu-falv";
    /** Serves science only: no team that takes legal aid is among those its decline reads ahead. */
    static final String SCIENCE_TEAM = "weicheng-kepu";

    @Test
    void aCandidateTheDeclineDidNotReadAheadIsReadBeforeRouting(LocalTable table) {
        Desk desk = new Desk(table);
        for (int i = 0; i < 4; i++) {
            assertEquals(STREET_TEAM, desk.submit("resident-" + i, "legal", "xibei-yimian").teamId());
        }
        ServiceRequest request = desk.submit("resident-by-hand", "legal", "xibei-yimian"); // to the district's team
        desk.wiring.dispatch.dispatch(Desk.caller(Desk.ADMIN), request.id(), null, SCIENCE_TEAM, "for the test");

        ServiceRequest declined = desk.wiring.dispatch.decline(
                Desk.caller(leader("leader-of-" + SCIENCE_TEAM, SCIENCE_TEAM)), request.id(), null, "不是我们的专业");

        assertEquals(RequestStatus.UNROUTED, declined.status(), "the street's team is full, the district's had it: "
                + declined.timeline().get(declined.timeline().size() - 1));
        assertEquals(4, desk.wiring.loads.load(STREET_TEAM).openCount());
    }
}
