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
package io.github.redisutils.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisReplies;
import io.github.redisutils.core.RedisTemplates;
import io.github.redisutils.core.codec.ValueCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.util.Assert;

/**
 * {@link SessionStore} on a {@link RedisTemplate} of its own, one script call per
 * operation on the session's (user's) slot, plus one {@code GET} of the user's slot token
 * for the per-user operations.
 *
 * @author redis-utils authors
 */
final class DefaultSessionStore implements SessionStore {

	private static final Log logger = LogFactory.getLog(DefaultSessionStore.class);

	private static final RedisSerializer<byte[]> BYTES = RedisSerializer.byteArray();

	/** How much longer than its longest session a user's slot token lives. */
	private static final long SLOT_MARGIN_MILLIS = 60_000;

	private final RedisTemplate<String, byte[]> template;

	private final SessionKeys sessionKeys;

	private final ValueCodec codec;

	private final SessionStoreOptions options;

	private final SessionMetrics metrics;

	private final ApplicationEventPublisher events;

	private final OutageBackoff outage;

	DefaultSessionStore(RedisConnectionFactory connectionFactory, SessionKeys sessionKeys, ValueCodec codec,
			SessionStoreOptions options, SessionMetrics metrics, ApplicationEventPublisher events,
			OutageBackoff outage) {
		this.template = RedisTemplates.binary(connectionFactory);
		this.outage = outage;
		this.sessionKeys = sessionKeys;
		this.codec = codec;
		this.options = options;
		this.metrics = metrics;
		this.events = events;
		metrics.presenceFrom(this::countPresence);
	}

	@Override
	public Session create(String userId, Map<String, ?> attributes, SessionOptions sessionOptions) {
		return createIn(userId, null, attributes, sessionOptions);
	}

	@Override
	public String newAnonymousId() {
		return SessionIds.id(SessionIds.newSlotToken(), SessionIds.newSecret());
	}

	@Override
	public Session createAnonymous(String id, Map<String, ?> attributes, SessionOptions sessionOptions) {
		String[] parts = SessionIds.parse(id);
		Assert.isTrue(parts != null, "'id' must be an id from newAnonymousId()");
		return createIn(null, parts, attributes, sessionOptions);
	}

	/**
	 * Create a session: in the user's slot under a new secret, or, for an anonymous
	 * session, under its reserved id (slot token and secret), alone in that slot.
	 */
	private Session createIn(@Nullable String userId, String @Nullable [] reserved, Map<String, ?> attributes,
			SessionOptions sessionOptions) {
		Map<String, byte[]> encoded = new LinkedHashMap<>();
		attributes.forEach((name, value) -> {
			Assert.hasText(name, "attribute names must not be empty");
			Assert.notNull(value, () -> "attribute '" + name + "' must not be null");
			encoded.put(name, this.codec.encode(value));
		});
		Duration idle = (sessionOptions.idleTimeout() != null) ? sessionOptions.idleTimeout()
				: this.options.idleTimeout();
		Duration absolute = (sessionOptions.absoluteLifetime() != null) ? sessionOptions.absoluteLifetime()
				: this.options.absoluteLifetime();
		// An anonymous session has a slot of its own: no user's slot token to look up.
		String token = (reserved != null) ? reserved[0] : claimSlotToken(Objects.requireNonNull(userId), absolute);
		String secret = (reserved != null) ? reserved[1] : SessionIds.newSecret();
		String id = SessionIds.id(token, secret);
		List<byte[]> args = new ArrayList<>();
		args.add(bytes(secret));
		args.add(bytes(Long.toString(idle.toMillis())));
		args.add(bytes(Long.toString(absolute.toMillis())));
		args.add(bytes(Integer.toString(this.options.maxPerUser())));
		args.add(bytes((userId == null) ? "anonymous"
				: (this.options.limitPolicy() == LimitPolicy.REFUSE) ? "refuse" : "evict"));
		args.add(bytes(this.sessionKeys.sessionKeyPrefix(token)));
		args.add(bytes(SessionKeys.USER));
		args.add(bytes((userId != null) ? userId : ""));
		sessionOptions.metadata().forEach((name, value) -> {
			args.add(bytes(SessionKeys.METADATA + name));
			args.add(bytes(value));
		});
		encoded.forEach((name, value) -> {
			args.add(bytes(SessionKeys.ATTRIBUTE + name));
			args.add(value);
		});
		String indexKey = this.sessionKeys.indexKey(token);
		List<?> result = script(SessionScripts.CREATE, List.of(indexKey, this.sessionKeys.sessionKey(token, secret)),
				args, "create a session");
		if (number(result, 0, indexKey) < 0) {
			throw new SessionLimitExceededException(this.options.maxPerUser());
		}
		RedisReplies.list(result, 5, indexKey, "reply");
		Instant now = Instant.ofEpochMilli(number(result, 0, indexKey));
		Instant expires = Instant.ofEpochMilli(number(result, 1, indexKey));
		Instant absoluteExpiry = Instant.ofEpochMilli(number(result, 2, indexKey));
		List<String> evicted = new ArrayList<>();
		for (int i = 5; i < result.size(); i++) {
			evicted.add(SessionIds.id(token, RedisReplies.string(result.get(i), indexKey, RedisReplies.element(i))));
		}
		String owner = (userId != null) ? userId : "";
		if (userId != null) {
			updatePresence(userId, result, 3, List.of(Long.toString(expires.toEpochMilli()), id), evicted, indexKey);
		}
		if (!evicted.isEmpty()) {
			this.metrics.evicted(evicted.size());
			evicted.forEach((evictedId) -> this.events.publishEvent(new SessionEvictedEvent(evictedId, owner)));
		}
		this.metrics.created();
		this.events.publishEvent(new SessionCreatedEvent(id, owner));
		return new Session(id, owner, now, now, expires, absoluteExpiry, idle, sessionOptions.metadata(),
				new SessionAttributes(encoded, this.codec));
	}

	private String claimSlotToken(String userId, Duration absolute) {
		String slotKey = this.sessionKeys.slotKey(userId);
		return RedisReplies.present(this.outage
			.call(() -> this.template.execute(SessionScripts.SLOT, BYTES, RedisSerializer.string(), List.of(slotKey),
					bytes(SessionIds.newSlotToken()), bytes(Long.toString(absolute.toMillis() + SLOT_MARGIN_MILLIS))),
					"find the user's session slot", slotKey),
				slotKey, "reply");
	}

	@Override
	public Optional<Session> find(@Nullable String id) {
		String[] parts = SessionIds.parse(id);
		if (parts == null) {
			return Optional.empty();
		}
		String key = this.sessionKeys.sessionKey(parts[0], parts[1]);
		Map<String, byte[]> fields = this.outage.read(() -> this.template.<String, byte[]>opsForHash().entries(key),
				"read a session", key);
		return Optional.ofNullable(toSession(id, key, fields));
	}

	@Override
	public boolean touch(@Nullable String id) {
		String[] parts = SessionIds.parse(id);
		if (parts == null) {
			return false;
		}
		List<String> keys = sessionAndIndex(parts);
		List<?> result = script(SessionScripts.TOUCH, keys,
				List.of(bytes(parts[1]), bytes("touch"), bytes(Long.toString(this.options.touchInterval().toMillis()))),
				"touch a session");
		long outcome = number(result, 0, keys.get(0));
		if (outcome == 0) {
			return false;
		}
		if (outcome == 2) {
			this.metrics.touchSkipped();
		}
		else {
			touched(result, keys.get(0), id);
		}
		return true;
	}

	@Override
	public boolean update(@Nullable String id, SessionChanges changes) {
		String[] parts = SessionIds.parse(id);
		if (parts == null) {
			return false;
		}
		List<byte[]> args = new ArrayList<>();
		Duration idle = changes.idleTimeout();
		args.add(bytes((idle != null) ? Long.toString(idle.toMillis()) : ""));
		args.add(bytes(parts[1]));
		args.add(bytes(Integer.toString(changes.toSet().size())));
		changes.toSet().forEach((name, value) -> {
			args.add(bytes(SessionKeys.ATTRIBUTE + name));
			args.add(this.codec.encode(value));
		});
		changes.toRemove().forEach((name) -> args.add(bytes(SessionKeys.ATTRIBUTE + name)));
		List<String> keys = sessionAndIndex(parts);
		Long found = this.outage.call(
				() -> this.template.execute(SessionScripts.UPDATE, BYTES, null, keys, args.toArray()),
				"update a session", keys.get(0));
		return found != null && found == 1;
	}

	@Override
	public Optional<Instant> extend(@Nullable String id, Duration duration) {
		Assert.isTrue(!duration.isNegative(), "'duration' must not be negative");
		String[] parts = SessionIds.parse(id);
		if (parts == null) {
			return Optional.empty();
		}
		List<String> keys = sessionAndIndex(parts);
		List<?> result = script(SessionScripts.TOUCH, keys,
				List.of(bytes(parts[1]), bytes("extend"), bytes(Long.toString(duration.toMillis()))),
				"extend a session");
		if (number(result, 0, keys.get(0)) == 0) {
			return Optional.empty();
		}
		long expires = number(result, 1, keys.get(0));
		touched(result, keys.get(0), id);
		return Optional.of(Instant.ofEpochMilli(expires));
	}

	@Override
	public boolean destroy(@Nullable String id) {
		String[] parts = SessionIds.parse(id);
		if (parts == null) {
			return false;
		}
		List<String> keys = sessionAndIndex(parts);
		List<?> result = script(SessionScripts.DESTROY, keys, List.of(bytes(parts[1])), "destroy a session");
		if (result.isEmpty()) {
			return false;
		}
		String userId = RedisReplies.string(result.get(0), keys.get(0), RedisReplies.element(0));
		if (!userId.isEmpty()) {
			updatePresence(userId, result, 1, List.of(), List.of(id), keys.get(1));
		}
		this.metrics.destroyed(1);
		this.events.publishEvent(new SessionDestroyedEvent(id, userId));
		return true;
	}

	@Override
	public List<Session> findByUser(String userId) {
		String token = slotToken(userId);
		if (token == null) {
			return List.of();
		}
		String indexKey = this.sessionKeys.indexKey(token);
		List<?> result = script(SessionScripts.USER_SESSIONS, List.of(indexKey),
				List.of(bytes(this.sessionKeys.sessionKeyPrefix(token)), bytes("read")), "read a user's sessions");
		List<Session> sessions = new ArrayList<>(result.size() / 2);
		for (int i = 0; i + 1 < result.size(); i += 2) {
			String member = RedisReplies.string(result.get(i), indexKey, RedisReplies.element(i));
			String key = this.sessionKeys.sessionKeyPrefix(token) + member;
			Session session = toSession(SessionIds.id(token, member), key, RedisReplies.fields(result.get(i + 1), key));
			// A slot token shared by two users (96 random bits make it unlikely) must not
			// show one user the other's sessions.
			if (session != null && session.userId().equals(userId)) {
				sessions.add(session);
			}
		}
		return List.copyOf(sessions);
	}

	@Override
	public int destroyAllForUser(String userId, @Nullable String keepSessionId) {
		String token = slotToken(userId);
		if (token == null) {
			return 0;
		}
		String[] keep = SessionIds.parse(keepSessionId);
		String keepMember = (keep != null && keep[0].equals(token)) ? keep[1] : "";
		String indexKey = this.sessionKeys.indexKey(token);
		List<?> result = script(SessionScripts.DESTROY_USER, List.of(indexKey),
				List.of(bytes(this.sessionKeys.sessionKeyPrefix(token)), bytes(keepMember)),
				"destroy a user's sessions");
		List<String> destroyed = new ArrayList<>(result.size());
		for (int i = 2; i < result.size(); i++) {
			destroyed.add(SessionIds.id(token, RedisReplies.string(result.get(i), indexKey, RedisReplies.element(i))));
		}
		if (!destroyed.isEmpty()) {
			updatePresence(userId, result, 0, List.of(), destroyed, indexKey);
			this.metrics.destroyed(destroyed.size());
			destroyed.forEach((id) -> this.events.publishEvent(new SessionDestroyedEvent(id, userId)));
		}
		return destroyed.size();
	}

	@Override
	public long countByUser(String userId) {
		String token = slotToken(userId);
		if (token == null) {
			return 0;
		}
		String indexKey = this.sessionKeys.indexKey(token);
		Long count = this.outage.call(
				() -> this.template.execute(SessionScripts.COUNT, BYTES, null, List.of(indexKey),
						bytes(this.sessionKeys.sessionKeyPrefix(token)), bytes("count")),
				"count a user's sessions", indexKey);
		return (count != null) ? count : 0;
	}

	private @Nullable String slotToken(String userId) {
		String key = this.sessionKeys.slotKey(userId);
		byte[] token = this.outage.read(() -> this.template.opsForValue().get(key), "find the user's session slot",
				key);
		return (token != null) ? new String(token, StandardCharsets.UTF_8) : null;
	}

	@Override
	public OnlineUsers onlineUsers(long offset, int count) {
		Assert.isTrue(offset >= 0, "'offset' must not be negative");
		Assert.isTrue(count >= 1 && count <= OnlineUsers.MAX_PAGE,
				() -> "'count' must be between 1 and " + OnlineUsers.MAX_PAGE);
		List<String> keys = presenceKeys();
		List<?> result = script(SessionScripts.ONLINE, keys,
				List.of(bytes("online"), bytes(Long.toString(offset)), bytes(Integer.toString(count))),
				"read the online users");
		long total = number(result, 0, keys.get(1));
		List<OnlineUsers.OnlineUser> users = new ArrayList<>(result.size() / 2);
		for (int i = 1; i + 1 < result.size(); i += 2) {
			users.add(new OnlineUsers.OnlineUser(RedisReplies.string(result.get(i), keys.get(1), "member"),
					Instant.ofEpochMilli((long) RedisReplies.decimal(result.get(i + 1), keys.get(1), "score"))));
		}
		return new OnlineUsers(List.copyOf(users), offset, total);
	}

	@Override
	public long countOnlineUsers() {
		return onlineUsers(0, 1).total();
	}

	private PresenceCounts countPresence() {
		List<String> keys = presenceKeys();
		List<?> counts = script(SessionScripts.ONLINE, keys, List.of(bytes("count")), "count the active sessions");
		return new PresenceCounts(number(counts, 0, keys.get(0)), number(counts, 1, keys.get(1)));
	}

	private List<String> presenceKeys() {
		return List.of(this.sessionKeys.activeKey(), this.sessionKeys.onlineKey(),
				this.sessionKeys.onlineVersionsKey());
	}

	private void touched(List<?> result, String key, String id) {
		if (result.size() > 4) {
			String userId = RedisReplies.string(result.get(2), key, RedisReplies.element(2));
			updatePresence(userId, result, 3, List.of(Long.toString(number(result, 1, key)), id), List.of(), key);
		}
	}

	/**
	 * Keep the presence sets (active sessions, online users) in step; a second command on
	 * another slot, so a failure here must not fail the operation that already succeeded:
	 * both are approximate until the next change of the user, and heal as entries expire.
	 * @param userId the user whose sessions changed
	 * @param reply the user-slot script's reply, holding the user's latest expiry and its
	 * version at {@code at} and {@code at + 1}
	 * @param added expiry/id pairs of sessions created, touched or extended
	 * @param removed ids of sessions destroyed or evicted
	 */
	private void updatePresence(String userId, List<?> reply, int at, List<String> added, List<String> removed,
			String key) {
		List<byte[]> args = new ArrayList<>(5 + added.size() + removed.size());
		args.add(bytes("update"));
		args.add(bytes(userId));
		args.add(bytes(Long.toString(number(reply, at, key))));
		args.add(bytes(Long.toString(number(reply, at + 1, key))));
		args.add(bytes(Integer.toString(added.size() / 2)));
		added.forEach((arg) -> args.add(bytes(arg)));
		removed.forEach((id) -> args.add(bytes(id)));
		try {
			this.template.execute(SessionScripts.PRESENCE, BYTES, null, presenceKeys(), args.toArray());
		}
		catch (RuntimeException ex) {
			logger.debug("Could not update the presence sets", ex);
		}
	}

	private List<String> sessionAndIndex(String[] parts) {
		return List.of(this.sessionKeys.sessionKey(parts[0], parts[1]), this.sessionKeys.indexKey(parts[0]));
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private List<?> script(RedisScript<List> script, List<String> keys, List<byte[]> args, String what) {
		Object result = this.outage.call(
				() -> this.template.execute(script, BYTES, (RedisSerializer) BYTES, keys, args.toArray()), what,
				keys.get(0));
		return RedisReplies.list(result, 0, keys.get(0), "reply");
	}

	private static long number(List<?> reply, int index, String key) {
		RedisReplies.list(reply, index + 1, key, "reply");
		return RedisReplies.number(reply.get(index), key, RedisReplies.element(index));
	}

	private @Nullable Session toSession(String id, String key, @Nullable Map<String, byte[]> fields) {
		if (fields == null || fields.get(SessionKeys.USER) == null || fields.get(SessionKeys.EXPIRES) == null) {
			return null;
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		Map<String, byte[]> attributes = new LinkedHashMap<>();
		fields.forEach((name, value) -> {
			if (name.startsWith(SessionKeys.ATTRIBUTE)) {
				attributes.put(name.substring(SessionKeys.ATTRIBUTE.length()), value);
			}
			else if (name.startsWith(SessionKeys.METADATA)) {
				metadata.put(name.substring(SessionKeys.METADATA.length()), RedisReplies.string(value, key, name));
			}
		});
		return new Session(id, RedisReplies.string(fields.get(SessionKeys.USER), key, SessionKeys.USER),
				millis(fields, key, SessionKeys.CREATED), millis(fields, key, SessionKeys.LAST_ACCESSED),
				millis(fields, key, SessionKeys.EXPIRES), millis(fields, key, SessionKeys.ABSOLUTE),
				Duration.ofMillis(storedNumber(fields, key, SessionKeys.IDLE)), metadata,
				new SessionAttributes(attributes, this.codec));
	}

	private static Instant millis(Map<String, byte[]> fields, String key, String field) {
		return Instant.ofEpochMilli(storedNumber(fields, key, field));
	}

	private static long storedNumber(Map<String, byte[]> fields, String key, String field) {
		Long number = RedisReplies.optionalNumber(fields.get(field), key, field);
		return (number != null) ? number : 0;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
