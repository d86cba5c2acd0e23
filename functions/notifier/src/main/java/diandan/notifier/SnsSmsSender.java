package diandan.notifier;

import java.util.Map;

import diandan.domain.notify.ChannelChoice;
import diandan.domain.notify.Notice;
import diandan.port.notify.MessageSender;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * SMS through SNS, published straight to the phone number (mainland numbers as {@code +86...}) as a
 * transactional message, which SNS delivers ahead of promotional ones.
 */
final class SnsSmsSender implements MessageSender {
    private final SnsClient sns;

    SnsSmsSender(SnsClient sns) {
        this.sns = sns;
    }

    /** A mainland mobile number in E.164. */
    static String e164(String phone) {
        String digits = phone.replaceAll("[^0-9+]", "");
        return digits.startsWith("+") ? digits : "+86" + digits;
    }

    @Override
    public String send(ChannelChoice.Route route, Notice notice) {
        try {
            return sns.publish(b -> b.phoneNumber(e164(route.address())).message(notice.text())
                    .messageAttributes(Map.of("AWS.SNS.SMS.SMSType", MessageAttributeValue.builder()
                            .dataType("String").stringValue("Transactional").build()))).messageId();
        } catch (AwsServiceException refused) {
            // not chained: SNS's own message may repeat the phone number, and the failure is logged
            throw new SendFailedException("SNS refused the SMS: " + refused.awsErrorDetails().errorCode(), null);
        } catch (SdkException unreachable) {
            throw new SendFailedException("SNS unreachable: " + unreachable.getClass().getSimpleName(), null);
        }
    }
}
