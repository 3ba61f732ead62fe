using Otto.Contracts;
using Otto.Ownership;

namespace Otto.Planning;

/// <summary>Where an amendment goes: the task that owns its path (<see cref="PathOwners"/>), or why it
/// cannot go anywhere. Pure; the engine routes it (open owner: its next prompt; merged owner: a new attempt).</summary>
public sealed record AmendmentRoute(AmendmentRequest Request, string? Owner, string? Problem)
{
    public static IReadOnlyList<AmendmentRoute> For(PathOwners owners, string requester, IEnumerable<AmendmentRequest> requests) =>
        requests.Select(r => owners.OwnerOf(r.Path) switch
        {
            null => new AmendmentRoute(r, null, $"no task owns {r.Path}, so no task can make the change"),
            var owner when owner == requester => new AmendmentRoute(r, owner, $"{r.Path} is task {requester}'s own path: it can change it itself"),
            var owner => new AmendmentRoute(r, owner, null),
        }).ToList();
}
