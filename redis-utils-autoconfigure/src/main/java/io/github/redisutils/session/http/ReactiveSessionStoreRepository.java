/*
 * Copyright 2026 the redis-utils authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.redisutils.session.http;

import java.util.Map;

import io.github.redisutils.session.http.SessionStoreRepository.StoredSession;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.session.ReactiveFindByIndexNameSessionRepository;
import org.springframework.session.ReactiveSessionRepository;

/**
 * Spring Session's {@link ReactiveFindByIndexNameSessionRepository} for WebFlux's
 * {@code WebSession} on the redis-utils session store: the same sessions, ids, per-user
 * index and limits as {@link SessionStoreRepository}, which does the work. The store's
 * calls block, so each runs on the given scheduler (Reactor's {@code boundedElastic} when
 * auto-configured), never on an event-loop thread; creating a session touches no I/O and
 * runs where it is asked for.
 * <p>
 * WebFlux writes the session cookie before it saves the session, so the id a session gets
 * at login must be final when Spring Security changes it. Spring Security stores the
 * security context before it changes the id, and changing the id saves the session at
 * once: that save moves the session to its user's slot under its final id (see the
 * {@linkplain io.github.redisutils.session.http package documentation}), and the save at
 * the end of the request writes only what changed after it.
 *
 * @author redis-utils authors
 */
public final class ReactiveSessionStoreRepository
		implements ReactiveSessionRepository<StoredSession>, ReactiveFindByIndexNameSessionRepository<StoredSession> {

	private final SessionStoreRepository sessions;

	private final Scheduler scheduler;

	/**
	 * Create a repository.
	 * @param sessions the repository that reads and writes the sessions
	 * @param scheduler where the store's blocking calls run
	 */
	public ReactiveSessionStoreRepository(SessionStoreRepository sessions, Scheduler scheduler) {
		this.sessions = sessions;
		this.scheduler = scheduler;
	}

	/**
	 * Create a session in memory; nothing is written until {@link #save}.
	 * @return the new session
	 */
	@Override
	public Mono<StoredSession> createSession() {
		return Mono.fromSupplier(this.sessions::createSession);
	}

	/**
	 * Write what changed, as {@link SessionStoreRepository#save} does.
	 * @param session the session
	 * @return completes when it is written
	 */
	@Override
	public Mono<Void> save(StoredSession session) {
		return Mono.<Void>fromRunnable(() -> this.sessions.save(session)).subscribeOn(this.scheduler);
	}

	/**
	 * Read a live session.
	 * @param id the session id
	 * @return the session, empty if there is none (or, under the
	 * {@link HttpSessionOutagePolicy#ANONYMOUS} policy, Redis cannot be reached)
	 */
	@Override
	public Mono<StoredSession> findById(String id) {
		return Mono.fromCallable(() -> this.sessions.findById(id)).subscribeOn(this.scheduler);
	}

	/**
	 * Destroy a session ({@code WebSession.invalidate()}) and publish Spring Session's
	 * {@code SessionDeletedEvent}.
	 * @param id the session id
	 * @return completes when it is destroyed
	 */
	@Override
	public Mono<Void> deleteById(String id) {
		return Mono.<Void>fromRunnable(() -> this.sessions.deleteById(id)).subscribeOn(this.scheduler);
	}

	/**
	 * Find the sessions of a principal through the store's per-user index.
	 * @param indexName {@link #PRINCIPAL_NAME_INDEX_NAME}
	 * @param indexValue the principal's name
	 * @return the principal's live sessions by id, empty for any other index
	 */
	@Override
	public Mono<Map<String, StoredSession>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName)) {
			return Mono.just(Map.of());
		}
		return Mono.fromCallable(() -> this.sessions.findByPrincipalName(indexValue)).subscribeOn(this.scheduler);
	}

}
