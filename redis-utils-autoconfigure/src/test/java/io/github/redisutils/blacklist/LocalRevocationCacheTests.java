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
package io.github.redisutils.blacklist;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalRevocationCache} on its own: when it answers, what it refuses to
 * store, and its bounds. Its sync with Redis is tested by
 * {@link TokenBlacklistSyncTests}.
 *
 * @author redis-utils authors
 */
class LocalRevocationCacheTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final LocalRevocationCache cache = new LocalRevocationCache(100, Duration.ofMinutes(1), this.meters);

	private final TokenDescriptor token = new TokenDescriptor("t", "sam", Instant.ofEpochSecond(1000),
			Instant.ofEpochSecond(2000));

	@Test
	void answersNothingUntilSubscribed() {
		this.cache.store(this.cache.stamp(), this.token, false, null);
		assertThat(this.cache.lookup(this.token)).isNull();
		this.cache.subscribed();
		this.cache.store(this.cache.stamp(), this.token, false, null);
		assertThat(this.cache.lookup(this.token)).isFalse();
	}

	@Test
	void cachesBothOutcomesAndPerUserNotBefore() {
		this.cache.subscribed();
		this.cache.store(this.cache.stamp(), this.token, true, null);
		assertThat(this.cache.lookup(this.token)).isTrue();
		TokenDescriptor other = new TokenDescriptor("u", "sam", Instant.ofEpochSecond(1000), null);
		this.cache.store(this.cache.stamp(), other, false, 1001L);
		assertThat(this.cache.lookup(other)).isTrue();
		TokenDescriptor newer = new TokenDescriptor("v", "sam", Instant.ofEpochSecond(1001), null);
		this.cache.store(this.cache.stamp(), newer, false, 1001L);
		assertThat(this.cache.lookup(newer)).isFalse();
		assertThat(this.meters.get("redis.token.blacklist.local.cache.gets")
			.tag("result", "hit")
			.functionCounter()
			.count()).isEqualTo(3);
	}

	@Test
	void aReadOverlappingASyncMessageIsNotStored() {
		this.cache.subscribed();
		long stamp = this.cache.stamp();
		SyncMessage.apply("t+t", this.cache);
		// Redis answered "valid" before the revocation; storing it would undo the
		// message.
		this.cache.store(stamp, this.token, false, null);
		assertThat(this.cache.lookup(this.token)).isTrue();
	}

	@Test
	void losingTheSubscriptionEmptiesAndBypassesTheCache() {
		this.cache.subscribed();
		this.cache.store(this.cache.stamp(), this.token, false, null);
		long stamp = this.cache.stamp();
		this.cache.unsubscribed();
		assertThat(this.cache.lookup(this.token)).isNull();
		assertThat(this.cache.size()).isZero();
		this.cache.subscribed();
		this.cache.store(stamp, this.token, false, null);
		assertThat(this.cache.lookup(this.token)).isNull();
		assertThat(this.cache.status().resubscriptions()).isEqualTo(1);
	}

	@Test
	void syncMessagesUpdateEntries() {
		this.cache.subscribed();
		this.cache.store(this.cache.stamp(), this.token, false, null);
		SyncMessage.apply("u+1001:sam", this.cache);
		assertThat(this.cache.lookup(this.token)).isTrue();
		SyncMessage.apply("u+900:sam", this.cache);
		assertThat(this.cache.lookup(this.token)).isTrue();
		SyncMessage.apply("u-sam", this.cache);
		assertThat(this.cache.lookup(this.token)).isNull();
		SyncMessage.apply("t-t", this.cache);
		SyncMessage.apply("t+id:with:colons", this.cache);
		assertThat(this.cache.lookup(TokenDescriptor.ofId("id:with:colons"))).isTrue();
		SyncMessage.apply("garbage", this.cache);
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void entriesAgeOut() throws InterruptedException {
		LocalRevocationCache shortLived = new LocalRevocationCache(10, Duration.ofMillis(50), this.meters);
		shortLived.subscribed();
		shortLived.store(shortLived.stamp(), this.token, true, null);
		assertThat(shortLived.lookup(this.token)).isTrue();
		Thread.sleep(100);
		assertThat(shortLived.lookup(this.token)).isNull();
	}

	@Test
	void sizeIsBounded() {
		this.cache.subscribed();
		for (int i = 0; i < 1000; i++) {
			this.cache.store(this.cache.stamp(), new TokenDescriptor("id-" + i, "user-" + i, null, null), false, null);
		}
		assertThat(this.cache.size()).isLessThanOrEqualTo(200);
		assertThat(this.meters.get("redis.token.blacklist.local.cache.size").gauge().value())
			.isEqualTo(this.cache.size());
	}

}
