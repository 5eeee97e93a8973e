package io.paymenthub.channel;

import org.apache.camel.builder.RouteBuilder;

import io.paymenthub.flow.payer.PayerMessages;

/**
 * Tells the tenants' channels of every final state: {@code channel-notify} takes the flows' events
 * and puts each on the tenant's own queue {@code channel.notifications.<tenant>} (which its
 * channels consume over JMS) and, for a tenant with a notification URL, on
 * {@code channel.webhooks}; {@code channel-webhook} posts those, the broker's redelivery retrying
 * an endpoint that is down, without ever holding up a transfer.
 */
public class ChannelNotificationRouteBuilder extends RouteBuilder {

    public static final String NOTIFICATIONS_PREFIX = "channel.notifications.";
    public static final String WEBHOOK_QUEUE = "channel.webhooks";

    private final WebhookSender webhooks;

    public ChannelNotificationRouteBuilder(WebhookSender webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public void configure() {
        from("jms:queue:" + PayerMessages.EVENTS + "?transacted=true")
                .routeId("channel-notify")
                .toD("jms:queue:" + NOTIFICATIONS_PREFIX + "${header." + PayerMessages.TENANT + "}?deliveryPersistent=true&exchangePattern=InOnly")
                .to("jms:queue:" + WEBHOOK_QUEUE + "?deliveryPersistent=true&exchangePattern=InOnly");

        // A failed post is rolled back for the broker to redeliver; WebhookSender has said why, once, without a stack trace.
        from("jms:queue:" + WEBHOOK_QUEUE + "?transacted=true&concurrentConsumers={{channel.webhook.consumers}}"
                + "&errorHandlerLoggingLevel=DEBUG&errorHandlerLogStackTrace=false")
                .routeId("channel-webhook")
                .errorHandler(noErrorHandler())
                .process(webhooks);
    }
}
