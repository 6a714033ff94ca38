/* For the tests under Wine only, never shipped: Debian 12's Wine 8.0 lacks
 * bcryptprimitives.dll, whose ProcessPrng Rust's standard library imports on Windows, so no
 * Rust program starts there. This stands in for it with RtlGenRandom (SystemFunction036,
 * advapi32). Windows 10 and 11 have the real DLL. See ../shared/notes/windows.md. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
