package diandan.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import diandan.devkit.MotoServer;
import diandan.domain.notify.ChannelChoice;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.EventType;
import diandan.domain.notify.MessageChannel;
import diandan.domain.notify.MessageTemplate;
import diandan.domain.notify.Notice;
import diandan.domain.notify.Recipient;
import diandan.port.notify.MessageSender;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** The SMS sender and the secret's reader against moto's SNS and Secrets Manager on loopback. */
class AwsChannelsTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    static MotoServer moto;
    static SnsClient sns;
    static SecretsManagerClient secrets;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        StaticCredentialsProvider local = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        sns = SnsClient.builder().endpointOverride(moto.endpoint()).region(Region.AP_EAST_1).credentialsProvider(local)
                .httpClient(UrlConnectionHttpClient.create()).build();
        secrets = SecretsManagerClient.builder().endpointOverride(moto.endpoint()).region(Region.AP_EAST_1)
                .credentialsProvider(local).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        sns.close();
        secrets.close();
        moto.close();
    }

    @Test
    void anSmsIsPublishedToTheMainlandNumberAndAnswersItsMessageId() {
        Notice notice = new Notice(new DomainEvent("r1.2", EventType.ACCEPTED, "r1", "team-a", 0, NOW),
                new Recipient(Recipient.Role.RESIDENT, null), MessageTemplate.ACCEPTED,
                Map.of("category", "便民维修", "ref", "ABCDEFGH"));
        String messageId = new SnsSmsSender(sns).send(new ChannelChoice.Route(MessageChannel.SMS, "13900000001"), notice);
        assertFalse(messageId.isBlank());
        assertEquals("+8613900000001", SnsSmsSender.e164("139 0000 0001"));
    }

    @Test
    void theAppSecretIsReadOnceFromSecretsManager() {
        String arn = secrets.createSecret(b -> b.name("diandan/wechat")
                .secretString("{\"appId\":\"wx-app\",\"appSecret\":\"s3cret\"}")).arn();
        SecretCredentials credentials = new SecretCredentials(secrets, arn);
        assertEquals(new WeChatSender.AppCredentials("wx-app", "s3cret"), credentials.get());
        secrets.deleteSecret(b -> b.secretId(arn).forceDeleteWithoutRecovery(true));
        assertEquals("wx-app", credentials.get().appId(), "kept by the container");
    }

    @Test
    void aMissingSecretFailsTheWeChatSendWithoutNamingItsValue() {
        assertThrows(MessageSender.SendFailedException.class,
                () -> new SecretCredentials(secrets, "arn:aws:secretsmanager:ap-east-1:123456789012:secret:none").get());
    }
}
