package io.paymenthub.channel;

import org.apache.camel.builder.RouteBuilder;

import io.paymenthub.flow.payer.PayerMessages;

/**
 * Tells the tenants' channels of every final state: {@code channel-notify} takes the flows' events
 * and puts each on the tenant's own queue {@code channel.notifications.<tenant>} (which its
 * channels consume over JMS; kept {@code notifications.timeToLiveSeconds} at most) and, for a
 * tenant with a notification URL, on
 * {@code channel.webhooks}; {@code channel-webhook} posts those, the broker's redelivery retrying
 * an endpoint that is down, without ever holding up a transfer.
 */
public class ChannelNotificationRouteBuilder extends RouteBuilder {

    public static final String NOTIFICATIONS_PREFIX = "channel.notifications.";
    public static final String WEBHOOK_QUEUE = "channel.webhooks";

    private final WebhookSender webhooks;
    private final long notificationTimeToLiveSeconds;

    /**
     * @param notificationTimeToLiveSeconds how long a notification waits on the tenant's queue for
     *                                      its channels: a tenant that never reads them does not fill
     *                                      the broker's store (what it missed stays readable by GET)
     */
    public ChannelNotificationRouteBuilder(WebhookSender webhooks, long notificationTimeToLiveSeconds) {
        if (notificationTimeToLiveSeconds < 1) {
            throw new IllegalArgumentException("notifications.timeToLiveSeconds must be at least 1");
        }
        this.webhooks = webhooks;
        this.notificationTimeToLiveSeconds = notificationTimeToLiveSeconds;
    }

    @Override
    public void configure() {
        from("jms:queue:" + PayerMessages.EVENTS + "?transacted=true")
                .routeId("channel-notify")
                .toD("jms:queue:" + NOTIFICATIONS_PREFIX + "${header." + PayerMessages.TENANT + "}?deliveryPersistent=true"
                        + "&exchangePattern=InOnly&explicitQosEnabled=true&timeToLive=" + notificationTimeToLiveSeconds * 1000)
                .to("jms:queue:" + WEBHOOK_QUEUE + "?deliveryPersistent=true&exchangePattern=InOnly");

        // A failed post is rolled back for the broker to redeliver; WebhookSender has said why, once, without a stack trace.
        from("jms:queue:" + WEBHOOK_QUEUE + "?transacted=true&concurrentConsumers={{channel.webhook.consumers}}"
                + "&errorHandlerLoggingLevel=DEBUG&errorHandlerLogStackTrace=false")
                .routeId("channel-webhook")
                .errorHandler(noErrorHandler())
                .process(webhooks);
    }
}
