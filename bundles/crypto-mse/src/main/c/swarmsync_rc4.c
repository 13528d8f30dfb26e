/*
 * JNI shim: RC4 from the system's OpenSSL libcrypto, for
 * org.swarmsync.crypto.mse.internal.NativeRc4.
 *
 * libcrypto is opened with dlopen at run time rather than linked, so building needs only
 * gcc and the JDK's jni.h (no OpenSSL headers), and a machine without libcrypto still loads
 * this library and falls back to the JDK. RC4_set_key and RC4 are deprecated in OpenSSL 3
 * but still exported, and they run OpenSSL's assembler RC4 without any provider.
 */
#include <jni.h>

#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * OpenSSL's RC4_KEY is { RC4_INT x, y; RC4_INT data[256]; } and RC4_INT is unsigned int on
 * x86-64 (1032 bytes). We never look inside; reserving room for 8-byte RC4_INTs keeps us
 * safe should a build choose a wider type.
 */
#define STATE_BYTES (258 * 8)
#define MAX_KEY 256

typedef void (*rc4_set_key_fn)(void *key, int len, const unsigned char *data);
typedef void (*rc4_fn)(void *key, size_t len, const unsigned char *in, unsigned char *out);

static rc4_set_key_fn rc4_set_key;
static rc4_fn rc4;
/* States allocated and not yet freed; tests read it to prove that nothing leaks. */
static jlong live_states;

static void throw_new(JNIEnv *env, const char *class_name, const char *message) {
    jclass cls = (*env)->FindClass(env, class_name);
    if (cls != NULL) {
        (*env)->ThrowNew(env, cls, message);
    }
}

/* Opens libcrypto and finds RC4; returns NULL on success, else why not. */
JNIEXPORT jstring JNICALL
Java_org_swarmsync_crypto_mse_internal_NativeRc4_bind(JNIEnv *env, jclass cls, jstring library) {
    (void) cls;
    const char *name = (*env)->GetStringUTFChars(env, library, NULL);
    if (name == NULL) {
        return NULL; /* OutOfMemoryError pending */
    }
    dlerror();
    void *handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    (*env)->ReleaseStringUTFChars(env, library, name);
    if (handle == NULL) {
        const char *why = dlerror();
        return (*env)->NewStringUTF(env, why != NULL ? why : "dlopen failed");
    }
    rc4_set_key_fn set_key = (rc4_set_key_fn) dlsym(handle, "RC4_set_key");
    rc4_fn cipher = (rc4_fn) dlsym(handle, "RC4");
    if (set_key == NULL || cipher == NULL) {
        dlclose(handle);
        return (*env)->NewStringUTF(env, "the library does not export RC4_set_key and RC4");
    }
    /* Only a complete success replaces what an earlier call bound; the handle stays open. */
    rc4_set_key = set_key;
    rc4 = cipher;
    return NULL;
}

JNIEXPORT jlong JNICALL
Java_org_swarmsync_crypto_mse_internal_NativeRc4_create(JNIEnv *env, jclass cls, jbyteArray key) {
    (void) cls;
    if (rc4_set_key == NULL) {
        throw_new(env, "java/lang/IllegalStateException", "libcrypto is not bound");
        return 0;
    }
    jsize length = (*env)->GetArrayLength(env, key);
    if (length < 1 || length > MAX_KEY) {
        throw_new(env, "java/lang/IllegalArgumentException", "an RC4 key has 1 to 256 bytes");
        return 0;
    }
    void *state = malloc(STATE_BYTES);
    if (state == NULL) {
        throw_new(env, "java/lang/OutOfMemoryError", "no native memory for an RC4 state");
        return 0;
    }
    unsigned char copy[MAX_KEY];
    (*env)->GetByteArrayRegion(env, key, 0, length, (jbyte *) copy);
    rc4_set_key(state, (int) length, copy);
    explicit_bzero(copy, sizeof copy);
    __atomic_add_fetch(&live_states, 1, __ATOMIC_RELAXED);
    return (jlong) (intptr_t) state;
}

/* The caller checked the range; the array is pinned, not copied, for the call. */
JNIEXPORT void JNICALL
Java_org_swarmsync_crypto_mse_internal_NativeRc4_apply0(JNIEnv *env, jclass cls, jlong state,
        jbyteArray buffer, jint offset, jint length) {
    (void) cls;
    unsigned char *bytes = (*env)->GetPrimitiveArrayCritical(env, buffer, NULL);
    if (bytes == NULL) {
        return; /* OutOfMemoryError pending */
    }
    rc4((void *) (intptr_t) state, (size_t) length, bytes + offset, bytes + offset);
    (*env)->ReleasePrimitiveArrayCritical(env, buffer, bytes, 0);
}

JNIEXPORT void JNICALL
Java_org_swarmsync_crypto_mse_internal_NativeRc4_free0(JNIEnv *env, jclass cls, jlong state) {
    (void) env;
    (void) cls;
    void *p = (void *) (intptr_t) state;
    /* The state is the key schedule: wipe it before the allocator reuses the memory. */
    explicit_bzero(p, STATE_BYTES);
    free(p);
    __atomic_sub_fetch(&live_states, 1, __ATOMIC_RELAXED);
}

JNIEXPORT jlong JNICALL
Java_org_swarmsync_crypto_mse_internal_NativeRc4_liveStates(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return __atomic_load_n(&live_states, __ATOMIC_RELAXED);
}
