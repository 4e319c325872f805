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

import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Malformed ids and outages: a malformed id never reaches Redis (it answers "not found"
 * even with Redis stopped), a well-formed one does and reports the outage.
 *
 * @author redis-utils authors
 */
class SessionStoreFailureTests {

	private static final String[] MALFORMED = { "", "short", "not a session id at all, with spaces",
			"AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA+",
			"AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA", "{AAAAAAAAAAAAAA}.AAAAAAAAAAAAAAAAAAAAAA",
			"AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAA\n", "x".repeat(10_000) };

	@Test
	void malformedIdsAnswerNotFoundWithoutAskingRedis() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			SessionTesting.runner(redis.springProperties(), SessionTesting.newPrefix(), "spring.data.redis.timeout=1s")
				.run((context) -> {
					SessionStore store = SessionTesting.store(context);
					redis.stop();
					for (String id : MALFORMED) {
						assertThat(store.find(id)).isEmpty();
						assertThat(store.touch(id)).isFalse();
						assertThat(store.update(id, SessionChanges.set("a", 1))).isFalse();
						assertThat(store.extend(id, Duration.ofMinutes(1))).isEmpty();
						assertThat(store.destroy(id)).isFalse();
					}
					assertThat(store.find(null)).isEmpty();
					String wellFormed = SessionIds.id(SessionIds.newSlotToken(), SessionIds.newSecret());
					assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> store.find(wellFormed));
					assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> store.create("outage"));
				});
		}
	}

	@Test
	void storeRecoversWhenRedisComesBack() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			SessionTesting.runner(redis.springProperties(), SessionTesting.newPrefix(), "spring.data.redis.timeout=1s")
				.run((context) -> {
					SessionStore store = SessionTesting.store(context);
					redis.stop();
					assertThatExceptionOfType(RedisUnavailableException.class)
						.isThrownBy(() -> store.countByUser("back"));
					redis.start();
					// Until the outage back-off (1 s) ends, the store still skips Redis
					// ...
					assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> store.create("back"))
						.withMessageContaining("outage back-off");
					Thread.sleep(1_100);
					// ... then the next call probes it and normal use resumes.
					Session session = store.create("back");
					assertThat(store.find(session.id())).isPresent();
				});
		}
	}

}
