package diandan.notifier;

import java.util.function.Supplier;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.port.notify.MessageSender;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The WeChat app id and secret from Secrets Manager: the secret string is {@code {"appId": ..., "appSecret": ...}},
 * read on the first WeChat message of the container and kept in memory only.
 */
final class SecretCredentials implements Supplier<WeChatSender.AppCredentials> {
    private final SecretsManagerClient secrets;
    private final String secretArn;
    private volatile WeChatSender.AppCredentials read;

    SecretCredentials(SecretsManagerClient secrets, String secretArn) {
        this.secrets = secrets;
        this.secretArn = secretArn;
    }

    @Override
    public WeChatSender.AppCredentials get() {
        WeChatSender.AppCredentials current = read;
        if (current != null) {
            return current;
        }
        try {
            JsonNode secret = Json.read(secrets.getSecretValue(b -> b.secretId(secretArn)).secretString());
            if (!secret.hasNonNull("appId") || !secret.hasNonNull("appSecret")) {
                throw new MessageSender.SendFailedException("the WeChat secret lacks appId or appSecret", null);
            }
            current = new WeChatSender.AppCredentials(secret.get("appId").asText(), secret.get("appSecret").asText());
        } catch (SdkException | JacksonException unreadable) {
            // the exception names the secret's ARN at most, never its value
            throw new MessageSender.SendFailedException("the WeChat secret could not be read", unreadable);
        }
        read = current;
        return current;
    }
}
