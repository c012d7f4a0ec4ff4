package org.gridmint.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.gridmint.core.spec.JobSpecDraft.VerifyDraft;

/**
 * Jackson support for the job spec's short forms, kept out of core (which knows no Jackson): {@code verify: adaptive},
 * a policy named alone, reads as {@code verify: {policy: adaptive}}. The object form goes through Jackson's own record
 * deserializer, so its unknown fields and wrong types are reported as everywhere else.
 */
final class SpecModule extends SimpleModule {
    SpecModule() {
        super("gridmint-spec");
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc, JsonDeserializer<?> deserializer) {
                return desc.getBeanClass() == VerifyDraft.class ? new PolicyOrObject(deserializer) : deserializer;
            }
        });
    }

    /** A string is a policy's name; anything else is left to the record deserializer it wraps. */
    private static final class PolicyOrObject extends DelegatingDeserializer {
        PolicyOrObject(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new PolicyOrObject(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) return VerifyDraft.ofPolicy(p.getText());
            return super.deserialize(p, ctxt);
        }
    }
}
