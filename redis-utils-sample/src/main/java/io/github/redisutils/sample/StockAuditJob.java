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
package io.github.redisutils.sample;

import java.util.concurrent.atomic.AtomicLong;

import io.github.redisutils.lock.shedlock.RedisShedLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A periodic stock audit that runs on one instance at a time, however many run:
 * ShedLock's {@code @SchedulerLock} on the lock provider that redis-utils
 * auto-configures. Each run logs the fencing token of its lock, which a store written by
 * the job would use to refuse a late run's writes.
 *
 * @author redis-utils authors
 */
@Component
public class StockAuditJob {

	private static final Log logger = LogFactory.getLog(StockAuditJob.class);

	private final StockService stock;

	private final AtomicLong lastFencingToken = new AtomicLong();

	StockAuditJob(StockService stock) {
		this.stock = stock;
	}

	/**
	 * Audit the stock, on one instance per interval.
	 */
	@Scheduled(fixedDelayString = "${sample.stock-audit.interval:PT1M}",
			initialDelayString = "${sample.stock-audit.initial-delay:PT1M}")
	@SchedulerLock(name = "stock-audit", lockAtMostFor = "PT5M", lockAtLeastFor = "PT10S")
	public void audit() {
		long token = RedisShedLockProvider.requireFencingToken();
		this.lastFencingToken.set(token);
		logger.info("Stock audit under fencing token " + token + ": tea=" + this.stock.get("tea"));
	}

	/**
	 * Return the fencing token of the last audit this instance ran.
	 * @return the token, 0 before the first audit
	 */
	public long lastFencingToken() {
		return this.lastFencingToken.get();
	}

	/**
	 * Scheduling, with ShedLock's locks around {@code @SchedulerLock} methods.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@EnableSchedulerLock(defaultLockAtMostFor = "PT5M")
	static class SchedulingConfiguration {

	}

}
