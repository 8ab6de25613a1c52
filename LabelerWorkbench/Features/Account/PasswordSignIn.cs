using System.Collections.Concurrent;
using System.Net;
using LabelerWorkbench.Data;
using Microsoft.AspNetCore.Identity;

namespace LabelerWorkbench.Features.Account;

public enum SignInOutcome { SignedIn, Wrong, LockedOut, Throttled }

/// <summary>
/// The one way in with a password, for the sign-in page and the JSON sign-in alike. An address that failed too often
/// in the last quarter hour waits (per-address, on top of Identity's per-account lockout, which guessing across many
/// accounts never trips), and an unknown e-mail costs the same password hashing as a known one, so the answer's timing
/// does not tell which e-mails have accounts.
/// </summary>
public sealed class PasswordSignIn(SignInManager<AppUser> signIn, UserManager<AppUser> users, SignInThrottle throttle)
{
    public async Task<SignInOutcome> SignInAsync(string email, string password, IPAddress? from, bool persistent)
    {
        if (!throttle.MayTry(from)) return SignInOutcome.Throttled;
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(SignInThrottle.Nobody, SignInThrottle.NobodysHash, password);
            throttle.Failed(from);
            return SignInOutcome.Wrong;
        }
        var result = await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: true);
        if (result.Succeeded) return SignInOutcome.SignedIn;
        throttle.Failed(from);
        return result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Wrong;
    }
}

/// <summary>Failed sign-ins per address in a sliding quarter hour; at <see cref="MaxFailures"/> the address waits.</summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxFailures = 20;
    static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> failures = new();

    internal static readonly AppUser Nobody = new() { UserName = "nobody", Email = "nobody@invalid" };
    internal static readonly string NobodysHash = new PasswordHasher<AppUser>().HashPassword(Nobody, Guid.NewGuid().ToString());

    public bool MayTry(IPAddress? from)
    {
        if (!failures.TryGetValue(Key(from), out var queue)) return true;
        lock (queue)
        {
            Expire(queue);
            return queue.Count < MaxFailures;
        }
    }

    public void Failed(IPAddress? from)
    {
        var queue = failures.GetOrAdd(Key(from), _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            Expire(queue);
            queue.Enqueue(time.GetUtcNow());
        }
    }

    void Expire(Queue<DateTimeOffset> queue)
    {
        var since = time.GetUtcNow() - Window;
        while (queue.Count > 0 && queue.Peek() < since) queue.Dequeue();
    }

    static string Key(IPAddress? from) => from?.ToString() ?? "unknown";
}
