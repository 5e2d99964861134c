/* Base: the seed of a hash table whose keys are input (hash.h). */
#include "base/hash.h"

#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

uint64_t dtw_hash_seed(const void *salt)
{
	uint64_t seed = 0;
	struct timespec ts;
	if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) == (ssize_t)sizeof(seed))
		return seed;
	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return dtw_mix64((uint64_t)(uintptr_t)salt ^ (uint64_t)ts.tv_nsec ^
			 ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)getpid());
}
