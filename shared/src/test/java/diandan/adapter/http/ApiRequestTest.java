package diandan.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import diandan.domain.Problem;

class ApiRequestTest {
    static ApiRequest post(String body, boolean base64) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setBody(body);
        event.setIsBase64Encoded(base64);
        return new ApiRequest(event);
    }

    /**
     * Bytes that are not UTF-8 reach the function base64-encoded (API Gateway cannot pass them as text), and a text
     * body can hold them only as an unpaired surrogate: either way a 400, never a body with U+FFFD or '?' in them.
     */
    @Test
    void aBodyThatIsNotUtf8IsA400EitherWayItArrives() {
        byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
        for (ApiRequest request : new ApiRequest[] {
                post(Base64.getEncoder().encodeToString(invalid), true),
                post("{\"a\":\"\ud800\"}", false),
                post("{\"a\":\"x\udc00\"}", false),
                post(Base64.getEncoder().encodeToString(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xed,
                        (byte) 0xa0, (byte) 0x80, '"', '}'}), true)}) {
            Problem problem = assertThrows(Problem.class, () -> request.json(Set.of("a")));
            assertEquals(400, problem.kind().status);
            assertEquals("body is not valid UTF-8", problem.getMessage());
        }
        assertEquals("陪伴 😀", post("{\"a\":\"陪伴 😀\"}", false).json(Set.of("a")).string("a"));
    }
}
