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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code redis.lock.*} meters, tagged with the registry's name and never with lock
 * names.
 *
 * @author redis-utils authors
 */
class DistributedLocksMetricsTests {

	@Test
	void acquisitionsHoldsAndHeldLocksAreMeasured() {
		LockTestSupport.instances(RedisServers.standalone().springProperties(), "redis.lock.registry-name=orders")
			.run((context) -> {
				DistributedLocks locks = context.getBean(DistributedLocks.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				LockHandle handle = locks.tryAcquire("order:1", Duration.ZERO).orElseThrow();
				assertThat(locks.tryAcquire("order:1", Duration.ofMillis(50))).isEmpty();
				assertThat(meters.get("redis.lock.active").tag("registry", "orders").gauge().value()).isEqualTo(1);
				Thread.sleep(20);
				handle.release();
				assertThat(meters.get("redis.lock.acquire")
					.tags("registry", "orders", "outcome", "acquired")
					.timer()
					.count()).isEqualTo(1);
				assertThat(meters.get("redis.lock.acquire")
					.tags("registry", "orders", "outcome", "timeout")
					.timer()
					.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(50);
				assertThat(meters.get("redis.lock.held")
					.tag("registry", "orders")
					.timer()
					.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(20);
				assertThat(meters.get("redis.lock.active").gauge().value()).isZero();
				assertThat(meters.get("redis.lock.lost").tag("reason", "not_held").counter().count()).isZero();
				assertThat(meters.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
					.noneMatch((tag) -> tag.getValue().contains("order:1")));
			});
	}

}
