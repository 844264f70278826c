#ifndef REDIS_CONSOLE_CHIREDIS_SHIM_H
#define REDIS_CONSOLE_CHIREDIS_SHIM_H
// hiredis 0.14 is used as a RESP codec only: redisFormatCommandArgv and the reader.
#include <stdlib.h>
#include <hiredis/hiredis.h>
#include <hiredis/read.h>

// hiredis 0.14 allocates an array as soon as it reads its header (`*100000000\r\n` asks
// calloc for 800 MB before a single element arrived). This wrapper refuses a declared size
// above the limit before hiredis allocates; the reader then fails and the connection dies.
typedef struct rc_reader_limits {
    redisReplyObjectFunctions functions;  // hiredis's defaults, createArray replaced
    void *(*default_create_array)(const redisReadTask *, int);
    long long max_array_elements;
    long long refused_elements;           // the declared size we refused, 0 if none
} rc_reader_limits;

static inline void *rc_create_array_limited(const redisReadTask *task, int elements) {
    rc_reader_limits *limits = (rc_reader_limits *)task->privdata;
    if ((long long)elements > limits->max_array_elements || elements < -1) {
        limits->refused_elements = elements;
        return NULL;
    }
    return limits->default_create_array(task, elements);
}

static inline redisReader *rc_reader_create(long long max_array_elements) {
    redisReader *reader = redisReaderCreate();
    if (reader == NULL) return NULL;
    rc_reader_limits *limits = (rc_reader_limits *)calloc(1, sizeof(rc_reader_limits));
    if (limits == NULL) { redisReaderFree(reader); return NULL; }
    limits->functions = *reader->fn;
    limits->default_create_array = reader->fn->createArray;
    limits->functions.createArray = rc_create_array_limited;
    limits->max_array_elements = max_array_elements;
    reader->fn = &limits->functions;
    reader->privdata = limits;
    return reader;
}

static inline long long rc_reader_refused_elements(redisReader *reader) {
    return ((rc_reader_limits *)reader->privdata)->refused_elements;
}

/// Bytes fed but not yet consumed by a complete reply.
static inline size_t rc_reader_pending_bytes(redisReader *reader) {
    return reader->len - reader->pos;
}

/// The length a bulk string declares while hiredis waits for its body, or -1. hiredis 0.14
/// checks no length until the whole body arrived; at that point the type byte is consumed
/// and the unconsumed bytes start with the length's digits.
static inline long long rc_reader_pending_bulk_length(redisReader *reader) {
    if (reader->ridx < 0 || reader->rstack[reader->ridx].type != REDIS_REPLY_STRING) return -1;
    long long length = 0;
    size_t digits = 0;
    for (size_t i = reader->pos; i < reader->len && digits < 19; i++, digits++) {
        char c = reader->buf[i];
        if (c < '0' || c > '9') break;
        length = length * 10 + (c - '0');
    }
    return digits == 0 ? -1 : length;
}

static inline void rc_reader_free(redisReader *reader) {
    if (reader == NULL) return;
    void *limits = reader->privdata;
    redisReaderFree(reader);  // frees any half-built reply through our functions table first
    free(limits);
}
#endif
