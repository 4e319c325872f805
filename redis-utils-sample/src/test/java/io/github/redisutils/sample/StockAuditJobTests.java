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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import io.github.redisutils.lock.shedlock.RedisShedLockProvider;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock audit runs under the auto-configured ShedLock provider and sees its fencing
 * token.
 *
 * @author redis-utils authors
 */
class StockAuditJobTests {

	@Test
	void theAuditRunsUnderAShedLockLockWithAFencingToken() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--spring.data.redis.port=" + freePort(), "--sample.stock-audit.initial-delay=0s",
				"--sample.stock-audit.interval=200ms")) {
			assertThat(context.getBean(LockProvider.class)).isInstanceOf(RedisShedLockProvider.class);
			StockAuditJob job = context.getBean(StockAuditJob.class);
			long deadline = System.currentTimeMillis() + 10_000;
			while (job.lastFencingToken() == 0 && System.currentTimeMillis() < deadline) {
				Thread.sleep(50);
			}
			assertThat(job.lastFencingToken()).isPositive();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
