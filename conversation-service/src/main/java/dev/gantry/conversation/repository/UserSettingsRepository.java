package dev.gantry.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class UserSettingsRepository implements PanacheRepositoryBase<UserSettingsEntity, String> {
}
