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
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsLockAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsLockHealthContributorAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsHealthContributorAutoConfiguration;
import io.github.redisutils.actuate.RedisHealthContributor;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lock waiters under an ACL user: Redis 7 grants {@code PSUBSCRIBE} of a pattern only for
 * that exact pattern, so {@code &<prefix>:*} does not cover the lock-release pattern. The
 * refusal shows in the status, health and a meter; with the rule, waiters are woken by
 * pub/sub.
 *
 * @author redis-utils authors
 */
class LockWaitersAclTests {

	/** Far above a pub/sub wake-up, so a wake-up by polling is told apart. */
	private static final Duration POLL = Duration.ofSeconds(2);

	private final String prefix = "acl-" + UUID.randomUUID().toString().substring(0, 8);

	private ApplicationContextRunner instance(DedicatedRedis redis) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
							RedisUtilsLockAutoConfiguration.class, RedisUtilsHealthContributorAutoConfiguration.class,
							RedisUtilsLockHealthContributorAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(redis.springProperties())
			.withPropertyValues("spring.data.redis.username=app", "spring.data.redis.password=secret",
					"redis.key-prefix=" + this.prefix, "redis.lock.poll-interval=" + POLL.toMillis() + "ms");
	}

	private void aclSetUser(DedicatedRedis redis, String... rules) {
		RedisClient client = RedisClient.create(redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().aclSetuser("app", io.lettuce.core.AclSetuserArgs.Builder.reset());
			String[] command = new String[rules.length + 2];
			command[0] = "SETUSER";
			command[1] = "app";
			System.arraycopy(rules, 0, command, 2, rules.length);
			connection.sync()
				.dispatch(io.lettuce.core.protocol.CommandType.ACL,
						new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
						new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8)
							.addKeys(command));
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void aRefusedPatternSubscriptionShowsInStatusHealthAndMeterAndWaitersStillPoll() {
		DedicatedRedis redis = RedisServers.dedicated();
		aclSetUser(redis, "on", ">secret", "~" + this.prefix + ":*", "resetchannels", "&" + this.prefix + ":*",
				"+@all");
		instance(redis).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			long wakeUp = LockHandOver.millis(locks, "report");
			String pattern = this.prefix + ":lock:*";
			await(() -> locks.status().subscription().refused().contains(pattern), "the refusal is recorded");
			assertThat(locks.status().subscription().connected()).isTrue();
			Health health = health(context);
			assertThat(health.getStatus().getCode()).isEqualTo("UP");
			assertThat(String.valueOf(health.getDetails().get("warning"))).contains(pattern);
			assertThat(context.getBean(MeterRegistry.class)
				.get("redis.subscription.refused")
				.tag("feature", "lock")
				.counter()
				.count()).isGreaterThanOrEqualTo(1);
			// Still granted, by polling.
			System.out.println("Wake-up without the pattern rule (ms): " + wakeUp);
			assertThat(wakeUp).isLessThan(POLL.toMillis() * 3);
		});
	}

	@Test
	void withTheExactPatternRuleWaitersAreWokenByPubSub() {
		DedicatedRedis redis = RedisServers.dedicated();
		aclSetUser(redis, "on", ">secret", "~" + this.prefix + ":*", "resetchannels", "&" + this.prefix + ":*",
				"&" + this.prefix + ":lock:*", "+@all");
		instance(redis).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			// The first wait starts the subscription; later hand-overs measure it.
			LockHandOver.millis(locks, "warm-up");
			await(() -> locks.status().subscription().connected(), "subscribed");
			assertThat(locks.status().subscription().refused()).isEmpty();
			long wakeUp = LockHandOver.millis(locks, "report");
			System.out.println("Wake-up with the pattern rule (ms): " + wakeUp);
			assertThat(wakeUp).isLessThan(POLL.toMillis() / 2);
			assertThat(health(context).getDetails()).doesNotContainKey("warning");
		});
	}

	@Test
	void locksSemaphoresAndReadWriteLocksNeedOnlyTheCommandsOfTheReadmeTable() {
		DedicatedRedis redis = RedisServers.dedicated();
		// The README's "Locks" row, plus TIME (its own rule) and PING (health).
		aclSetUser(redis, "on", ">secret", "~" + this.prefix + ":*", "resetchannels", "&" + this.prefix + ":*",
				"&" + this.prefix + ":lock:*", "-@all", "+evalsha", "+eval", "+get", "+set", "+del", "+pttl",
				"+pexpire", "+pexpireat", "+zadd", "+zscore", "+zrange", "+zrangebyscore", "+zremrangebyscore", "+zrem",
				"+publish", "+psubscribe", "+punsubscribe", "+time", "+ping");
		instance(redis).withPropertyValues("redis.lock.lease=1s").run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			LockHandle lock = locks.tryAcquire("acl", Duration.ZERO).orElseThrow();
			PermitHandle permits = locks.semaphore("acl", 3).tryAcquire(2, Duration.ZERO).orElseThrow();
			LockHandle reader = locks.readWriteLock("acl").tryAcquireRead(Duration.ZERO).orElseThrow();
			LockHandle writer = locks.readWriteLock("acl-w").tryAcquireWrite(Duration.ZERO).orElseThrow();
			assertThat(locks.readWriteLock("acl").tryAcquireWrite(Duration.ofMillis(300))).isEmpty();
			// Several leases: renewed by the watchdog, in one batch for the names of one
			// hash tag.
			Thread.sleep(3500);
			for (LockHandle handle : new LockHandle[] { lock, reader, writer }) {
				assertThat(handle.isHeld()).as(handle.toString()).isTrue();
			}
			assertThat(permits.isHeld()).isTrue();
			assertThat(locks.semaphore("acl", 3).availablePermits()).isEqualTo(1);
			assertThat(locks.status().lost()).isZero();
			permits.extend(Duration.ofSeconds(5));
			writer.extend(Duration.ofSeconds(5));
			lock.release();
			permits.release();
			reader.release();
			writer.release();
			assertThat(locks.status().watchdog()).isNotEqualTo(LocksStatus.WatchdogState.FAILING);
		});
	}

	private static Health health(AssertableApplicationContext context) {
		RedisHealthContributor redis = context.getBean(RedisHealthContributor.class);
		return ((HealthIndicator) redis.getContributor("lock")).health();
	}

	private static void await(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not within 10 s: " + what);
			}
			LockSupport.parkNanos(1_000_000);
		}
	}

}
