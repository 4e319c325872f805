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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.ApplicationInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.redisutils.test.RedisServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Online users against real servers, standalone and Cluster: who has a live session, in
 * pages, by server time, through logins, logouts, evictions and expiry, and exact after
 * concurrent logins and logouts from several application instances.
 *
 * @author redis-utils authors
 */
class SessionOnlineUsersTests {

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void usersWithALiveSessionAreOnlineLatestFirst(String[] redisProperties) {
		SessionTesting.runner(redisProperties, SessionTesting.newPrefix()).run((context) -> {
			SessionStore store = SessionTesting.store(context);
			assertThat(store.countOnlineUsers()).isZero();
			store.create("alice");
			Thread.sleep(5);
			Session bob = store.create("bob");
			Thread.sleep(5);
			store.create("carol", Map.of(), SessionOptions.defaults().withIdleTimeout(Duration.ofHours(1)));
			store.create("alice");
			OnlineUsers all = store.onlineUsers(0, 10);
			assertThat(all.total()).isEqualTo(3);
			assertThat(all.users()).extracting(OnlineUsers.OnlineUser::userId).containsExactly("carol", "alice", "bob");
			assertThat(all.users().get(2).activeUntil()).isEqualTo(bob.expiresAt());
			assertThat(all.hasMore()).isFalse();

			OnlineUsers first = store.onlineUsers(0, 2);
			assertThat(first.users()).hasSize(2);
			assertThat(first.hasMore()).isTrue();
			OnlineUsers second = store.onlineUsers(2, 2);
			assertThat(second.users()).extracting(OnlineUsers.OnlineUser::userId).containsExactly("bob");
			assertThat(second.hasMore()).isFalse();
			assertThat(store.countOnlineUsers()).isEqualTo(3);
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void logoutsAndEvictionsKeepTheListExact(String[] redisProperties) {
		SessionTesting.runner(redisProperties, SessionTesting.newPrefix(), "redis.session.max-per-user=1")
			.run((context) -> {
				SessionStore store = SessionTesting.store(context);
				Session first = store.create("dave", Map.of(),
						SessionOptions.defaults().withIdleTimeout(Duration.ofHours(2)));
				Session second = store.create("dave");
				assertThat(store.find(first.id())).as("evicted by the limit").isEmpty();
				assertThat(online(store)).containsExactly("dave");
				assertThat(store.onlineUsers(0, 10).users().get(0).activeUntil()).as("lowered to the session left")
					.isEqualTo(second.expiresAt());
				store.destroy(second.id());
				assertThat(online(store)).isEmpty();

				Session erin = store.create("erin");
				store.destroyAllForUser("erin");
				assertThat(online(store)).isEmpty();
				assertThat(store.find(erin.id())).isEmpty();
			});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void destroyingOneOfTwoSessionsKeepsTheUserUntilTheOtherExpires(String[] redisProperties) {
		SessionTesting.runner(redisProperties, SessionTesting.newPrefix()).run((context) -> {
			SessionStore store = SessionTesting.store(context);
			Session shortLived = store.create("frank", Map.of(),
					SessionOptions.defaults().withIdleTimeout(Duration.ofSeconds(1)));
			Session longLived = store.create("frank", Map.of(),
					SessionOptions.defaults().withIdleTimeout(Duration.ofHours(1)));
			store.destroy(longLived.id());
			OnlineUsers page = store.onlineUsers(0, 10);
			assertThat(page.users()).singleElement().satisfies((user) -> {
				assertThat(user.userId()).isEqualTo("frank");
				assertThat(user.activeUntil()).isEqualTo(shortLived.expiresAt());
			});
			// No write happens: the server's clock alone takes frank offline
			Thread.sleep(Duration.between(Instant.now(), shortLived.expiresAt()).toMillis() + 300);
			assertThat(store.countOnlineUsers()).isZero();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void touchAndExtendMoveTheUserUp(String[] redisProperties) {
		SessionTesting.runner(redisProperties, SessionTesting.newPrefix(), "redis.session.touch-interval=0s")
			.run((context) -> {
				SessionStore store = SessionTesting.store(context);
				Session gina = store.create("gina");
				Thread.sleep(5);
				store.create("hank");
				Instant extended = store.extend(gina.id(), Duration.ofHours(3)).orElseThrow();
				assertThat(store.onlineUsers(0, 10).users().get(0))
					.isEqualTo(new OnlineUsers.OnlineUser("gina", extended));
			});
	}

	@Test
	void pagesAreBounded() {
		SessionTesting.runner(RedisServers.standalone().springProperties(), SessionTesting.newPrefix())
			.run((context) -> {
				SessionStore store = SessionTesting.store(context);
				assertThatIllegalArgumentException().isThrownBy(() -> store.onlineUsers(0, 0));
				assertThatIllegalArgumentException().isThrownBy(() -> store.onlineUsers(0, OnlineUsers.MAX_PAGE + 1));
				assertThatIllegalArgumentException().isThrownBy(() -> store.onlineUsers(-1, 10));
			});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void concurrentLoginsAndLogoutsFromSeveralInstancesEndExact(String[] redisProperties) {
		String prefix = SessionTesting.newPrefix();
		List<String> users = List.of("u0", "u1", "u2", "u3", "u4", "u5");
		ApplicationInstances.runInstances(SessionTesting.runner(redisProperties, prefix), 3, (instances) -> {
			ExecutorService threads = Executors.newFixedThreadPool(9);
			try {
				List<Future<?>> work = new ArrayList<>();
				for (int t = 0; t < 9; t++) {
					SessionStore store = SessionTesting.store(instances.get(t % instances.size()));
					work.add(threads.submit(() -> {
						ThreadLocalRandom random = ThreadLocalRandom.current();
						List<Session> mine = new ArrayList<>();
						for (int i = 0; i < 150; i++) {
							String user = users.get(random.nextInt(users.size()));
							int action = random.nextInt(4);
							if (action == 0 || mine.isEmpty()) {
								mine.add(store.create(user));
							}
							else if (action == 1) {
								store.destroy(mine.remove(random.nextInt(mine.size())).id());
							}
							else if (action == 2) {
								store.destroyAllForUser(user);
							}
							else {
								store.extend(mine.get(random.nextInt(mine.size())).id(), Duration.ofHours(1));
							}
						}
						return null;
					}));
				}
				for (Future<?> future : work) {
					future.get(120, TimeUnit.SECONDS);
				}
			}
			finally {
				threads.shutdownNow();
			}
			SessionStore store = SessionTesting.store(instances.get(0));
			Set<String> live = new HashSet<>();
			for (String user : users) {
				if (store.countByUser(user) > 0) {
					live.add(user);
				}
			}
			assertThat(new HashSet<>(online(store))).isEqualTo(live);
		});
	}

	private static List<String> online(SessionStore store) {
		return store.onlineUsers(0, OnlineUsers.MAX_PAGE).users().stream().map(OnlineUsers.OnlineUser::userId).toList();
	}

}
