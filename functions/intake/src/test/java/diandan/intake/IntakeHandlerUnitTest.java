package diandan.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.app.request.IntakeService;
import diandan.app.request.NewRequest;
import diandan.devkit.ApiEvents;
import diandan.domain.Problem;
import diandan.port.StorageUnavailableException;

/** The thin layer alone: parsing, the call it makes, and how each outcome maps to HTTP. */
class IntakeHandlerUnitTest {
    final IntakeService intake = mock(IntakeService.class);
    final IntakeHandler handler = new IntakeHandler(intake);

    @Test
    void passesTheParsedFormAndTheIdempotencyKey() {
        when(intake.submit(any(), any(), anyString())).thenThrow(Problem.invalid("category", "unknown"));
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiEvents.load("submit-request.json"), null);
        assertEquals(422, response.getStatusCode());
        verify(intake).submit(any(), eq(new NewRequest("elderly_care", "独居老人需要每周代购生活用品", "xinbei",
                "新北社区3号楼2单元501", "张桂兰", "13812345678", "mini_program", "2036-11-29T02:00:00Z", null)), eq("mp-7f3a9c"));
    }

    @Test
    void storageFaultsAre503WithRetryAfter() {
        when(intake.get(any(), anyString())).thenThrow(new StorageUnavailableException("down", null));
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiEvents.load("get-request.json"), null);
        assertEquals(503, response.getStatusCode());
        assertEquals("2", response.getHeaders().get("Retry-After"));
        assertTrue(response.getBody().contains("\"status\":503"));
    }

    @Test
    void malformedInputNeverReachesTheUseCase() {
        handler.handleRequest(ApiEvents.withBody(ApiEvents.load("submit-request.json"), "{\"category\": [1]}"), null);
        handler.handleRequest(ApiEvents.as(ApiEvents.load("submit-request.json"), null), null);
        verifyNoInteractions(intake);
    }

    @Test
    void aBugIsA500WithoutDetails() {
        when(intake.get(any(), anyString())).thenThrow(new IllegalStateException("secret detail"));
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiEvents.load("get-request.json"), null);
        assertEquals(500, response.getStatusCode());
        assertTrue(!response.getBody().contains("secret"));
    }
}
