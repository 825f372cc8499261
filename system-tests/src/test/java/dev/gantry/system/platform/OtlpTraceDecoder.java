package dev.gantry.system.platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads an OTLP {@code ExportTraceServiceRequest} (protobuf) down to what the tests check of each span: its
 * service, ids, name and kind. The fields are those of opentelemetry-proto's trace and resource messages; what the
 * tests do not need is skipped by wire type.
 */
final class OtlpTraceDecoder {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final byte[] bytes;
    private int position;
    private final int end;

    private OtlpTraceDecoder(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    /** The spans of an export request. */
    static List<ReceivedSpan> spans(byte[] request) {
        List<ReceivedSpan> spans = new ArrayList<>();
        OtlpTraceDecoder reader = new OtlpTraceDecoder(request, 0, request.length);
        while (reader.more()) {
            int tag = reader.varint32();
            if (field(tag) == 1) {
                reader.nested().resourceSpans(spans);
            } else {
                reader.skip(tag);
            }
        }
        return spans;
    }

    /** ResourceSpans: 1 resource, 2 scope_spans. */
    private void resourceSpans(List<ReceivedSpan> into) {
        String service = "";
        List<OtlpTraceDecoder> scopes = new ArrayList<>();
        while (more()) {
            int tag = varint32();
            switch (field(tag)) {
                case 1 -> service = nested().serviceName();
                case 2 -> scopes.add(nested());
                default -> skip(tag);
            }
        }
        for (OtlpTraceDecoder scope : scopes) {
            scope.scopeSpans(service, into);
        }
    }

    /** Resource: 1 attributes (KeyValue: 1 key, 2 value AnyValue: 1 string_value). */
    private String serviceName() {
        String service = "";
        while (more()) {
            int tag = varint32();
            if (field(tag) == 1) {
                OtlpTraceDecoder attribute = nested();
                String key = "";
                String value = "";
                while (attribute.more()) {
                    int attributeTag = attribute.varint32();
                    switch (field(attributeTag)) {
                        case 1 -> key = attribute.string();
                        case 2 -> value = attribute.nested().stringValue();
                        default -> attribute.skip(attributeTag);
                    }
                }
                if (key.equals("service.name")) {
                    service = value;
                }
            } else {
                skip(tag);
            }
        }
        return service;
    }

    private String stringValue() {
        String value = "";
        while (more()) {
            int tag = varint32();
            if (field(tag) == 1) {
                value = string();
            } else {
                skip(tag);
            }
        }
        return value;
    }

    /** ScopeSpans: 2 spans. */
    private void scopeSpans(String service, List<ReceivedSpan> into) {
        while (more()) {
            int tag = varint32();
            if (field(tag) == 2) {
                into.add(nested().span(service));
            } else {
                skip(tag);
            }
        }
    }

    /** Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind. */
    private ReceivedSpan span(String service) {
        String traceId = "";
        String spanId = "";
        String parentSpanId = "";
        String name = "";
        int kind = 0;
        while (more()) {
            int tag = varint32();
            switch (field(tag)) {
                case 1 -> traceId = hex();
                case 2 -> spanId = hex();
                case 4 -> parentSpanId = hex();
                case 5 -> name = string();
                case 6 -> kind = varint32();
                default -> skip(tag);
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parentSpanId, name, kind);
    }

    private static int field(int tag) {
        return tag >>> 3;
    }

    private boolean more() {
        return position < end;
    }

    private long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = bytes[position++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("a varint longer than 10 bytes");
    }

    private int varint32() {
        return (int) varint();
    }

    private OtlpTraceDecoder nested() {
        int length = varint32();
        if (length < 0 || position + length > end) {
            throw new IllegalArgumentException("a field runs past its message");
        }
        OtlpTraceDecoder nested = new OtlpTraceDecoder(bytes, position, position + length);
        position += length;
        return nested;
    }

    private String string() {
        OtlpTraceDecoder field = nested();
        return new String(bytes, field.position, field.end - field.position, StandardCharsets.UTF_8);
    }

    private String hex() {
        OtlpTraceDecoder field = nested();
        return HexFormat.of().formatHex(bytes, field.position, field.end);
    }

    private void skip(int tag) {
        switch (tag & 7) {
            case VARINT -> varint();
            case FIXED64 -> position += 8;
            case LENGTH_DELIMITED -> nested();
            case FIXED32 -> position += 4;
            default -> throw new IllegalArgumentException("wire type " + (tag & 7) + " is not OTLP's");
        }
    }
}
