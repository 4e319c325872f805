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

import io.github.redisutils.lock.LockOptions;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the distributed locks, under {@code redis.lock.*}. They
 * validate themselves when bound: a bad value fails start-up naming the property and the
 * reason.
 *
 * @author redis-utils authors
 */
@ConfigurationProperties("redis.lock")
public class RedisLockProperties implements Validator {

	/**
	 * Whether the distributed locks are enabled.
	 */
	private boolean enabled = true;

	/**
	 * Lease of locks acquired without one (Lock views, tryAcquire without a lease,
	 * withLock, @DistributedLock without a lease). The watchdog renews it every third of
	 * it while the lock is held, so a crashed holder's lock is free again after at most
	 * this long. At least 100ms.
	 */
	private Duration lease = Duration.ofSeconds(30);

	/**
	 * Longest wait for the lock of @DistributedLock methods that do not set their own.
	 */
	private Duration wait = Duration.ofSeconds(10);

	/**
	 * Longest time a waiter sleeps between two attempts when no release message wakes it,
	 * which bounds the extra wait when a message is lost.
	 */
	private Duration pollInterval = Duration.ofMillis(250);

	/**
	 * Name of the lock registry, used as the "registry" tag of the redis.lock.* meters
	 * and the name of the watchdog thread.
	 */
	private String registryName = "default";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getLease() {
		return this.lease;
	}

	public void setLease(Duration lease) {
		this.lease = lease;
	}

	public Duration getWait() {
		return this.wait;
	}

	public void setWait(Duration wait) {
		this.wait = wait;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public String getRegistryName() {
		return this.registryName;
	}

	public void setRegistryName(String registryName) {
		this.registryName = registryName;
	}

	/**
	 * Return the registry options these properties describe.
	 * @return the options
	 */
	public LockOptions toOptions() {
		return new LockOptions(this.registryName, this.lease, this.pollInterval);
	}

	@Override
	public boolean supports(Class<?> type) {
		return RedisLockProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RedisLockProperties properties = (RedisLockProperties) target;
		LockOptions.problems(properties.registryName, properties.lease, properties.pollInterval)
			.forEach((field, problem) -> errors.rejectValue(field, "invalid", problem));
		if (properties.wait.isNegative()) {
			errors.rejectValue("wait", "invalid", "must not be negative");
		}
	}

}
