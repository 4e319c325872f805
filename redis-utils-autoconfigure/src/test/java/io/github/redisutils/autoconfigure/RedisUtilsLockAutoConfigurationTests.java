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
package io.github.redisutils.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.actuate.RedisHealthContributor;
import io.github.redisutils.lock.DistributedLockAdvisor;
import io.github.redisutils.lock.DistributedLockInterceptor;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockHandle;
import io.github.redisutils.lock.LocksStatus;
import io.github.redisutils.lock.RedisLock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsLockAutoConfiguration} and
 * {@link RedisUtilsLockHealthContributorAutoConfiguration}, without a Redis server:
 * nothing here connects.
 *
 * @author redis-utils authors
 */
class RedisUtilsLockAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsLockAutoConfiguration.class, RedisUtilsHealthContributorAutoConfiguration.class,
				RedisUtilsLockHealthContributorAutoConfiguration.class, AopAutoConfiguration.class));

	@Test
	void defaultsProvideTheRegistryTheAnnotationAndTheHealthChild() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(DistributedLocks.class)
				.hasSingleBean(DistributedLockAdvisor.class)
				.hasSingleBean(RedisLockProperties.class)
				.hasBean("lockHealthContribution");
			assertThat(context.getBean(RedisLockProperties.class).getLease()).isEqualTo(Duration.ofSeconds(30));
			RedisHealthContributor redis = context.getBean(RedisHealthContributor.class);
			Health health = ((HealthIndicator) redis.getContributor("lock")).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("held", 0)
				.containsEntry("lost", 0L)
				.containsEntry("watchdog", Map.of("state", "idle", "renewing", 0));
			assertThat(context.getBean(MeterRegistry.class)
				.get("redis.lock.active")
				.tag("registry", "default")
				.gauge()
				.value()).isZero();
		});
	}

	@Test
	void lockSwitchTurnsTheFeatureOff() {
		this.contextRunner.withPropertyValues("redis.lock.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DistributedLocks.class)
				.doesNotHaveBean(DistributedLockAdvisor.class)
				.doesNotHaveBean("lockHealthContribution")
				.hasSingleBean(RedisHealthContributor.class));
	}

	@Test
	void redisSwitchTurnsEverythingOff() {
		this.contextRunner.withPropertyValues("redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DistributedLocks.class)
				.doesNotHaveBean(DistributedLockAdvisor.class)
				.doesNotHaveBean(RedisHealthContribution.class));
	}

	@Test
	void usersOwnRegistryIsUsedByTheAnnotationAndTheHealthChild() {
		this.contextRunner.withBean("myLocks", DistributedLocks.class, UserLocks::new).run((context) -> {
			assertThat(context).hasSingleBean(DistributedLocks.class).hasBean("myLocks");
			Health health = ((HealthIndicator) context.getBean(RedisHealthContributor.class).getContributor("lock"))
				.health(true);
			assertThat(health.getDetails()).containsEntry("held", 7);
		});
	}

	@Test
	void usersOwnAdvisorAndHealthChildWin() {
		DistributedLockAdvisor advisor = new DistributedLockAdvisor(
				new DistributedLockInterceptor(UserLocks::new, Duration.ofSeconds(1)));
		RedisHealthContribution contribution = new RedisHealthContribution("lock",
				(HealthIndicator) () -> Health.down().build());
		this.contextRunner.withBean("myAdvisor", DistributedLockAdvisor.class, () -> advisor)
			.withBean("lockHealthContribution", RedisHealthContribution.class, () -> contribution)
			.run((context) -> {
				assertThat(context).getBean(DistributedLockAdvisor.class).isSameAs(advisor);
				assertThat(context).getBean("lockHealthContribution").isSameAs(contribution);
			});
	}

	@Test
	void withoutActuatorThereIsNoHealthChild() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(DistributedLocks.class)
				.doesNotHaveBean("lockHealthContribution"));
	}

	@Test
	void withoutSpringAopThereIsNoAnnotationSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MethodInterceptor.class))
			.run((context) -> assertThat(context).hasSingleBean(DistributedLocks.class)
				.doesNotHaveBean(DistributedLockAdvisor.class));
	}

	@Test
	void healthIndicatorSwitchRemovesTheHealthChild() {
		this.contextRunner.withPropertyValues("management.health.redis.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(DistributedLocks.class)
				.doesNotHaveBean("lockHealthContribution"));
	}

	static class UserLocks implements DistributedLocks {

		@Override
		public RedisLock get(String name) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<LockHandle> tryAcquire(String name, Duration wait, @Nullable Duration lease) {
			return Optional.empty();
		}

		@Override
		public <T> T withLock(String name, Duration wait, Supplier<T> action) {
			return action.get();
		}

		@Override
		public LocksStatus status() {
			return new LocksStatus(7, 0, LocksStatus.WatchdogState.IDLE, null, 0,
					io.github.redisutils.core.SubscriptionStatus.none());
		}

		@Override
		public void close() {
		}

	}

}
