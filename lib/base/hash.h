/* Hashing for the tables whose keys come from input (a cache file, an
 * issue's URLs): a mixer that spreads every input bit, and a seed of the
 * table's own that whoever wrote the input cannot know, so that keys
 * cannot be chosen to share a slot (which would make a load quadratic). */
#ifndef DTW_HASH_H
#define DTW_HASH_H

#include <stdint.h>

/* splitmix64's finaliser: every input bit reaches every output bit. */
static inline uint64_t dtw_mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* A seed nobody writing the input can know in advance (the kernel's
 * random bytes; failing those, the clock, the pid and `salt`'s address). */
uint64_t dtw_hash_seed(const void *salt);

#endif
