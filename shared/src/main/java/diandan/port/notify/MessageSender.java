package diandan.port.notify;

import diandan.domain.notify.ChannelChoice;
import diandan.domain.notify.Notice;

/** Sends one message on one channel: WeChat's subscribeMessage.send, SNS's SMS, or the local record. */
public interface MessageSender {
    /**
     * @return the provider's message id
     * @throws SendFailedException when the provider refused or could not be reached
     */
    String send(ChannelChoice.Route route, Notice notice);

    /** The provider did not take the message. */
    final class SendFailedException extends RuntimeException {
        public SendFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
