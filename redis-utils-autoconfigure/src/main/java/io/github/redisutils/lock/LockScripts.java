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
 * The lock's Redis operations, each one owner-checked script or command: one round trip.
 * Translates Spring's data access exceptions into {@link RedisUnavailableException}.
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
		Long result = run("release", keys,
				() -> this.template.execute(RELEASE, List.of(keys.lockKey()), token, keys.channel()));
		return result != null && result == 1L;
	}

	/**
	 * Release, or keep the lock until its lease has {@code slackMillis} left.
	 * @return whether the lock was held with this token
	 */
	boolean releaseAfter(LockKeys keys, String token, long slackMillis) {
		Long result = run("release", keys, () -> this.template.execute(RELEASE_AFTER, List.of(keys.lockKey()), token,
				keys.channel(), Long.toString(slackMillis)));
		return result != null && result != 0L;
	}

	boolean forceRelease(LockKeys keys) {
		Long result = run("force-release", keys,
				() -> this.template.execute(FORCE_RELEASE, List.of(keys.lockKey()), keys.channel()));
		return result != null && result == 1L;
	}

	boolean extend(LockKeys keys, String token, long leaseMillis) {
		Long result = run("extend", keys,
				() -> this.template.execute(EXTEND, List.of(keys.lockKey()), token, Long.toString(leaseMillis)));
		return result != null && result == 1L;
	}

	@Nullable String owner(LockKeys keys) {
		return run("read", keys, () -> this.template.opsForValue().get(keys.lockKey()));
	}

	/**
	 * Renew locks of one hash slot (on Cluster; any keys on a single server).
	 * @return for each key whether it was renewed
	 */
	boolean[] renew(List<String> lockKeys, List<String> tokens, long leaseMillis) {
		List<String> args = new ArrayList<>(tokens.size() + 1);
		args.add(Long.toString(leaseMillis));
		args.addAll(tokens);
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

}
