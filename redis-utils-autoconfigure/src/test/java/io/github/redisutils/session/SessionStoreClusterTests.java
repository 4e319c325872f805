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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.redisutils.test.RedisServers;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SessionStore} on a Redis Cluster (3 masters): every key of one user shares a
 * slot, so the per-user scripts run, and the index never leaks.
 *
 * @author redis-utils authors
 */
class SessionStoreClusterTests {

	private final String prefix = SessionTesting.newPrefix();

	private ApplicationContextRunner cluster(String... properties) {
		return SessionTesting.runner(RedisServers.cluster().springProperties(), this.prefix, properties);
	}

	@Test
	void aUsersSessionsAndIndexShareOneSlot() {
		cluster().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			Session first = store.create("alice", Map.of("role", "admin"), SessionOptions.defaults());
			Session second = store.create("alice");
			int slot = SlotHash.getSlot(SessionTesting.indexKey(this.prefix, first.id()));
			assertThat(SlotHash.getSlot(SessionTesting.sessionKey(this.prefix, first.id()))).isEqualTo(slot);
			assertThat(SlotHash.getSlot(SessionTesting.sessionKey(this.prefix, second.id()))).isEqualTo(slot);
			assertThat(store.find(first.id()).orElseThrow().attributes().get("role", String.class)).isEqualTo("admin");
			assertThat(store.findByUser("alice")).hasSize(2);
		});
	}

	@Test
	void everyOperationWorksAcrossManyUsersOnEveryMaster() {
		cluster("redis.session.max-per-user=2", "redis.session.touch-interval=0s").run((context) -> {
			SessionStore store = SessionTesting.store(context);
			for (int u = 0; u < 30; u++) {
				String user = "user-" + u;
				List<Session> created = List.of(store.create(user), store.create(user), store.create(user));
				assertThat(store.countByUser(user)).isEqualTo(2);
				// One of the three was evicted (ties in expiry are broken arbitrarily).
				assertThat(created.stream().filter((session) -> store.touch(session.id()))).hasSize(2);
				Session current = store.findByUser(user).get(0);
				assertThat(store.touch(current.id())).isTrue();
				assertThat(store.update(current.id(), SessionChanges.set("n", u))).isTrue();
				assertThat(store.extend(current.id(), Duration.ofHours(1))).isPresent();
				assertThat(store.destroyAllForUser(user, current.id())).isEqualTo(1);
				assertThat(store.findByUser(user)).extracting(Session::id).containsExactly(current.id());
				assertThat(store.destroy(current.id())).isTrue();
				assertThat(store.isOnline(user)).isFalse();
			}
		});
	}

	@Test
	void expiredSessionsLeaveNoIndexMembersBehind() {
		cluster().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			StringRedisTemplate redis = SessionTesting.redis(context);
			SessionOptions brief = SessionOptions.defaults().withIdleTimeout(Duration.ofSeconds(1));
			List<Session> sessions = List.of(store.create("bob", Map.of(), brief), store.create("bob", Map.of(), brief),
					store.create("carol", Map.of(), brief));
			Thread.sleep(1600);
			for (Session session : sessions) {
				assertThat(store.find(session.id())).isEmpty();
				assertThat(redis.hasKey(SessionTesting.indexKey(this.prefix, session.id()))).isFalse();
			}
			assertThat(store.countByUser("bob")).isZero();
			// Only the online users' versions remain: one shared key kept a minute after
			// the last change so that late presence updates find them.
			assertThat(redis.keys(this.prefix + ":session:{*"))
				.containsExactly(this.prefix + ":session:{presence}:online-versions");
		});
	}

}
