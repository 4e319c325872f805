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

import java.util.Map;

import io.github.redisutils.queue.JobContext;
import io.github.redisutils.queue.JobHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * A stock report enqueued by the recurring schedule {@code stock-report} of
 * application.yml: one job per tick however many instances run, processed by whichever
 * instance takes it. Its result (the levels reported) is kept with the completed job.
 *
 * @author redis-utils authors
 */
@Component
class StockReportJob {

	static final String JOB_TYPE = "stock-report";

	private static final Log logger = LogFactory.getLog(StockReportJob.class);

	private final StockService stock;

	StockReportJob(StockService stock) {
		this.stock = stock;
	}

	@JobHandler(JOB_TYPE)
	Map<String, Long> report(Report report, JobContext job) {
		Map<String, Long> levels = Map.of(report.sku(), this.stock.get(report.sku()));
		logger.info("Stock report (job " + job.id() + "): " + levels);
		return levels;
	}

	/**
	 * The payload of a report job, from the schedule's {@code payload.*} properties.
	 *
	 * @param sku the SKU to report on
	 */
	record Report(String sku) {

	}

}
