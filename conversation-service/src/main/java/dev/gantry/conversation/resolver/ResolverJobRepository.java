package dev.gantry.conversation.resolver;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ResolverJobRepository implements PanacheRepositoryBase<ResolverJobEntity, UUID> {

    public Uni<ResolverJobEntity> forDelivery(String provider, String deliveryId) {
        return find("provider = ?1 and deliveryId = ?2", provider, deliveryId).firstResult();
    }
}
