package com.plexichat.platform.events;

import com.plexichat.platform.api.RequestIds;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;
import org.springframework.kafka.listener.RecordInterceptor;

/** Puts the request id of the HTTP call that caused an event into the consumer's MDC (logs). */
class RequestIdRecordInterceptor implements RecordInterceptor<Object, Object> {

    @Override
    public ConsumerRecord<Object, Object> intercept(
            ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        Header header = record.headers().lastHeader(RequestIds.HEADER);
        if (header != null && header.value() != null) {
            String id = new String(header.value(), StandardCharsets.UTF_8);
            if (RequestIds.isValid(id)) {
                MDC.put(RequestIds.MDC_KEY, id);
            }
        }
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        MDC.remove(RequestIds.MDC_KEY);
    }
}
