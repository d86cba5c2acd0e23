package diandan.notifier;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import diandan.adapter.Environment;
import diandan.adapter.dynamodb.DynamoDb;
import diandan.adapter.priming.PrimingHttpClient;
import diandan.domain.notify.MessageChannel;
import diandan.domain.notify.MessageTemplate;
import diandan.port.notify.MessageSender;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The channels of the deployed function: SMS through SNS; WeChat when the template names the app secret
 * ({@code WECHAT_SECRET_ARN}), with the subscription template ids of {@code WECHAT_TEMPLATE_IDS}. The local stack
 * sets {@code NOTIFY_RECORD_FILE}: both channels then record their messages in that file and send nothing. The AWS
 * channels' clients are built on their first message ({@link SentOnFirstUse}).
 */
final class Channels {
    private Channels() {
    }

    static Map<MessageChannel, MessageSender> fromEnvironment() {
        Map<MessageChannel, MessageSender> senders = new EnumMap<>(MessageChannel.class);
        String recordFile = Environment.get("NOTIFY_RECORD_FILE");
        if (recordFile != null && !recordFile.isBlank()) {
            for (MessageChannel channel : MessageChannel.values()) {
                senders.put(channel, new RecordedMessages(Path.of(recordFile), channel, Clock.systemUTC()));
            }
            return senders;
        }
        String regionName = Environment.get("AWS_REGION");
        if (regionName == null || regionName.isBlank()) {
            return senders; // no region, no AWS: nothing can be sent (Lambda always sets it)
        }
        Region region = Region.of(regionName);
        senders.put(MessageChannel.SMS, new SentOnFirstUse(() -> new SnsSmsSender(SnsClient.builder().region(region)
                .httpClient(PrimingHttpClient.around(
                        UrlConnectionHttpClient.builder().socketTimeout(DynamoDb.ATTEMPT_TIMEOUT).build()))
                .overrideConfiguration(DynamoDb.overrides().build())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build())));
        String secretArn = Environment.get("WECHAT_SECRET_ARN");
        if (secretArn != null && !secretArn.isBlank()) {
            Map<MessageTemplate, String> templateIds = WeChatSender.templateIds(Environment.get("WECHAT_TEMPLATE_IDS"));
            senders.put(MessageChannel.WECHAT, new SentOnFirstUse(() -> new WeChatSender(HttpClient.newBuilder()
                    .connectTimeout(DynamoDb.CONNECTION_TIMEOUT).build(), WeChatSender.API,
                    new SecretCredentials(SecretsManagerClient.builder().region(region)
                            .httpClient(UrlConnectionHttpClient.builder().socketTimeout(DynamoDb.ATTEMPT_TIMEOUT).build())
                            .overrideConfiguration(DynamoDb.overrides().build())
                            .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build(), secretArn.trim()),
                    templateIds, Clock.systemUTC())));
        }
        return senders;
    }
}
