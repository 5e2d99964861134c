#!/bin/sh
# Last week's issue, 41, committed and released; this week's issue, the
# case's, is a draft beside it. Issue 41 featured these three pages.
git init -q &&
cat >2026-11-17.md <<-\ISSUE &&
	---
	title: Data This Week
	issue: 41
	date: 2026-11-17
	status: published
	---

	Welcome back. This week: late data, Parquet page indexes and a warehouse
	bill.

	## 📚 Blogs to Read

	### Late data is a product decision

	How long a pipeline waits for stragglers, and what the dashboards say
	meanwhile.

	**Why it matters:** Every watermark trades freshness for completeness.
	[Read more →](https://dataops.guide/late-data)

	### Parquet page indexes, explained

	What the column and offset indexes store, and which filters they skip.

	**Why it matters:** Page skipping turns a scan into a seek.
	[Read more →](https://tablewright.io/posts/parquet-page-indexes)

	### What our warehouse bill taught us

	A year of query costs, grouped by team and by the dashboards behind them.

	**Why it matters:** Most of the spend was three dashboards nobody opened.
	[Read more →](https://blog.streamfold.dev/warehouse-bill)

	---

	That’s all for this week! See you in the next edition.
	ISSUE
git add 2026-11-17.md &&
git commit -q -m "issue 41" &&
"$DTW" release 2026-11-17.md &&
cp "$CASE_DIR/$CASE.md" .
