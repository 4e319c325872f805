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
package io.github.redisutils.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.redisutils.core.RedisCalls;
import io.github.redisutils.core.RedisReplies;
import io.github.redisutils.core.RedisScripts;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Redis operations of locks, semaphores and read-write locks, each one owner-checked
 * script or command: one round trip. Translates Spring's data access exceptions into
 * {@link RedisUnavailableException}.
 *
 * @author redis-utils authors
 */
@SuppressWarnings("rawtypes")
final class LockScripts {

	private static final String LOCATION = "io/github/redisutils/lock/";

	private static final RedisScript<List> ACQUIRE = RedisScripts.fromResource(LOCATION + "acquire.lua", List.class);

	private static final RedisScript<Long> RELEASE = RedisScripts.fromResource(LOCATION + "release.lua", Long.class);

	private static final RedisScript<Long> RELEASE_AFTER = RedisScripts.fromResource(LOCATION + "release-after.lua",
			Long.class);

	private static final RedisScript<Long> FORCE_RELEASE = RedisScripts.fromResource(LOCATION + "force-release.lua",
			Long.class);

	private static final RedisScript<Long> EXTEND = RedisScripts.fromResource(LOCATION + "extend.lua", Long.class);

	private static final RedisScript<List> RENEW = RedisScripts.fromResource(LOCATION + "renew.lua", List.class);

	private static final RedisScript<List> SEMAPHORE_ACQUIRE = RedisScripts
		.fromResource(LOCATION + "semaphore-acquire.lua", List.class);

	private static final RedisScript<Long> SEMAPHORE_AVAILABLE = RedisScripts
		.fromResource(LOCATION + "semaphore-available.lua", Long.class);

	private static final RedisScript<List> READ_ACQUIRE = RedisScripts.fromResource(LOCATION + "rw-read.lua",
			List.class);

	private static final RedisScript<List> WRITE_ACQUIRE = RedisScripts.fromResource(LOCATION + "rw-write.lua",
			List.class);

	private static final RedisScript<Long> WITHDRAW = RedisScripts.fromResource(LOCATION + "rw-withdraw.lua",
			Long.class);

	private static final RedisScript<Long> SHARED_RELEASE = RedisScripts.fromResource(LOCATION + "zset-release.lua",
			Long.class);

	private static final RedisScript<Long> SHARED_EXTEND = RedisScripts.fromResource(LOCATION + "zset-extend.lua",
			Long.class);

	private static final RedisScript<Long> SHARED_HELD = RedisScripts.fromResource(LOCATION + "zset-held.lua",
			Long.class);

	private final StringRedisTemplate template;

	private volatile @Nullable Boolean cluster;

	LockScripts(RedisConnectionFactory connectionFactory) {
		this.template = new StringRedisTemplate(connectionFactory);
	}

	/**
	 * Try to acquire.
	 * @return {@code {1, fencing token}} or {@code {0, remaining lease of the holder}}
	 */
	long[] acquire(LockKeys keys, String token, long leaseMillis) {
		List<?> result = run("acquire", keys, () -> this.template.execute(ACQUIRE,
				List.of(keys.lockKey(), keys.fenceKey()), token, Long.toString(leaseMillis)));
		return new long[] { number(result, 0, keys.lockKey()), number(result, 1, keys.lockKey()) };
	}

	boolean release(LockKeys keys, String token) {
		return release(keys, token, lock(keys));
	}

	/**
	 * Release a lock or a write lock.
	 * @param what what is released, for messages ({@code write lock 'x'})
	 * @return whether it was held with this token
	 */
	boolean release(LockKeys keys, String token, String what) {
		Long result = call("release " + what, keys.lockKey(),
				() -> this.template.execute(RELEASE, List.of(keys.lockKey()), token, keys.channel()));
		return result != null && result == 1L;
	}

	/**
	 * Release, or keep the lock until its lease has {@code slackMillis} left.
	 * @return whether the lock was held with this token
	 */
	boolean releaseAfter(LockKeys keys, String token, long slackMillis) {
		return releaseAfter(keys, token, slackMillis, lock(keys));
	}

	boolean releaseAfter(LockKeys keys, String token, long slackMillis, String what) {
		Long result = call("release " + what, keys.lockKey(), () -> this.template.execute(RELEASE_AFTER,
				List.of(keys.lockKey()), token, keys.channel(), Long.toString(slackMillis)));
		return result != null && result != 0L;
	}

	boolean forceRelease(LockKeys keys) {
		Long result = run("force-release", keys,
				() -> this.template.execute(FORCE_RELEASE, List.of(keys.lockKey()), keys.channel()));
		return result != null && result == 1L;
	}

	boolean extend(LockKeys keys, String token, long leaseMillis) {
		return extend(keys, token, leaseMillis, lock(keys));
	}

	boolean extend(LockKeys keys, String token, long leaseMillis, String what) {
		Long result = call("extend " + what, keys.lockKey(),
				() -> this.template.execute(EXTEND, List.of(keys.lockKey()), token, Long.toString(leaseMillis)));
		return result != null && result == 1L;
	}

	@Nullable String owner(LockKeys keys) {
		return owner(keys, lock(keys));
	}

	@Nullable String owner(LockKeys keys, String what) {
		return call("read " + what, keys.lockKey(), () -> this.template.opsForValue().get(keys.lockKey()));
	}

	private static String lock(LockKeys keys) {
		return "lock '" + keys.name() + "'";
	}

	/**
	 * Try to take permits of a semaphore.
	 * @return {@code {1, permits left}} or {@code {0, remaining lease of the earliest
	 * holder}}
	 */
	long[] acquirePermits(LockKeys keys, String member, int permits, int semaphorePermits, long leaseMillis) {
		List<?> result = call("acquire permits of semaphore '" + keys.name() + "'", keys.lockKey(),
				() -> this.template.execute(SEMAPHORE_ACQUIRE, List.of(keys.lockKey()), member,
						Integer.toString(permits), Integer.toString(semaphorePermits), Long.toString(leaseMillis)));
		return new long[] { number(result, 0, keys.lockKey()), number(result, 1, keys.lockKey()) };
	}

	int availablePermits(LockKeys keys, int semaphorePermits) {
		Long result = call("count the free permits of semaphore '" + keys.name() + "'", keys.lockKey(),
				() -> this.template.execute(SEMAPHORE_AVAILABLE, List.of(keys.lockKey()),
						Integer.toString(semaphorePermits)));
		return (int) RedisReplies.number(result, keys.lockKey(), "reply");
	}

	/**
	 * Try to take the read side of a read-write lock.
	 * @return {@code {1, fencing token}} or {@code {0, longest time to wait before trying
	 * again}}
	 */
	long[] acquireRead(ReadWriteKeys keys, String token, long leaseMillis) {
		List<?> result = call("acquire read lock '" + keys.name() + "'", keys.readersKey(),
				() -> this.template.execute(READ_ACQUIRE, keys.all(), token, Long.toString(leaseMillis)));
		return new long[] { number(result, 0, keys.readersKey()), number(result, 1, keys.readersKey()) };
	}

	/**
	 * Try to take the write side of a read-write lock, recording the writer's intent when
	 * refused.
	 * @return {@code {1, fencing token}} or {@code {0, longest time to wait before trying
	 * again}}
	 */
	long[] acquireWrite(ReadWriteKeys keys, String token, long leaseMillis, String waiterId, long intentMillis) {
		List<?> result = call("acquire write lock '" + keys.name() + "'", keys.writeKey(),
				() -> this.template.execute(WRITE_ACQUIRE, keys.all(), token, Long.toString(leaseMillis), waiterId,
						Long.toString(intentMillis)));
		return new long[] { number(result, 0, keys.writeKey()), number(result, 1, keys.writeKey()) };
	}

	/**
	 * Withdraw the intent of a writer that stopped waiting.
	 */
	void withdraw(ReadWriteKeys keys, String waiterId) {
		call("withdraw a waiting writer of read-write lock '" + keys.name() + "'", keys.waitingKey(),
				() -> this.template.execute(WITHDRAW, List.of(keys.waitingKey()), waiterId, keys.channel()));
	}

	/**
	 * Release an acquisition kept in a sorted set (semaphore permits, a read lock).
	 * @return whether it was held with a running lease
	 */
	boolean releaseShared(LockKeys keys, String member, String what) {
		Long result = call("release " + what, keys.lockKey(),
				() -> this.template.execute(SHARED_RELEASE, List.of(keys.lockKey()), member, keys.channel()));
		return result != null && result == 1L;
	}

	boolean extendShared(LockKeys keys, String member, long leaseMillis, String what) {
		Long result = call("extend " + what, keys.lockKey(), () -> this.template.execute(SHARED_EXTEND,
				List.of(keys.lockKey()), member, Long.toString(leaseMillis)));
		return result != null && result == 1L;
	}

	boolean isHeldShared(LockKeys keys, String member, String what) {
		Long result = call("read " + what, keys.lockKey(),
				() -> this.template.execute(SHARED_HELD, List.of(keys.lockKey()), member));
		return result != null && result == 1L;
	}

	/**
	 * Renew acquisitions of one hash slot (on Cluster; any keys on a single server).
	 * @param lockKeys where each acquisition is kept
	 * @param tokens the owner token (for a sorted set, the member) of each
	 * @param shared for each, whether it is a member of a sorted set of holders
	 * (semaphore permits, a read lock) rather than a lock key of its own
	 * @param leaseMillis the new lease
	 * @return for each key whether it was renewed
	 */
	boolean[] renew(List<String> lockKeys, List<String> tokens, List<Boolean> shared, long leaseMillis) {
		List<String> args = new ArrayList<>(2 * tokens.size() + 1);
		args.add(Long.toString(leaseMillis));
		for (int i = 0; i < tokens.size(); i++) {
			args.add(shared.get(i) ? "z" : "k");
			args.add(tokens.get(i));
		}
		List<?> result = RedisCalls.call(() -> this.template.execute(RENEW, lockKeys, args.toArray()),
				"renew " + lockKeys.size() + " locks", lockKeys.get(0));
		boolean[] renewed = new boolean[lockKeys.size()];
		for (int i = 0; i < renewed.length; i++) {
			renewed[i] = number(result, i, lockKeys.get(i)) == 1L;
		}
		return renewed;
	}

	/**
	 * Whether the connection factory talks to a Redis Cluster, where one script may only
	 * touch keys of one hash slot. Asked once.
	 */
	boolean isCluster() {
		Boolean known = this.cluster;
		if (known == null) {
			known = RedisCalls.call(
					() -> this.template.execute((RedisCallback<Boolean>) (c) -> c instanceof RedisClusterConnection),
					"inspect the connection for locks");
			this.cluster = known;
		}
		return Boolean.TRUE.equals(known);
	}

	/**
	 * Return the masters of the Redis Cluster as the client last saw them (Lettuce
	 * answers from its cached topology, without a round trip).
	 */
	List<RedisClusterNode> masters() {
		List<RedisClusterNode> masters = new ArrayList<>();
		Iterable<RedisClusterNode> nodes = RedisCalls.call(() -> this.template
			.execute((RedisCallback<Iterable<RedisClusterNode>>) (c) -> ((RedisClusterConnection) c).clusterGetNodes()),
				"inspect the cluster for locks");
		if (nodes != null) {
			nodes.forEach((node) -> {
				if (node.isMaster()) {
					masters.add(node);
				}
			});
		}
		return masters;
	}

	private static long number(@Nullable List<?> result, int index, String key) {
		List<?> reply = RedisReplies.list(result, index + 1, key, "reply");
		return RedisReplies.number(reply.get(index), key, RedisReplies.element(index));
	}

	private static <T> T run(String operation, LockKeys keys, Supplier<T> action) {
		return RedisCalls.call(action, operation + " lock '" + keys.name() + "'", keys.lockKey());
	}

	private static <T> T call(String what, String key, Supplier<T> action) {
		return RedisCalls.call(action, what, key);
	}

}
