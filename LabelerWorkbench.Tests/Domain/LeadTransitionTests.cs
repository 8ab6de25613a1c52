namespace LabelerWorkbench.Tests.Domain;

/// <summary>The lead's transitions used by the data manager's bulk actions, for every status.</summary>
public class LeadTransitionTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);
    static TaskLeaseState In(LabelTaskStatus s, string? holder = null) => new(s, holder, null);

    [Theory]
    [InlineData(LabelTaskStatus.Ready, true)]
    [InlineData(LabelTaskStatus.Leased, true)]
    [InlineData(LabelTaskStatus.Returned, true)]
    [InlineData(LabelTaskStatus.Submitted, false)]
    [InlineData(LabelTaskStatus.InReview, false)]
    [InlineData(LabelTaskStatus.Accepted, false)]
    public void Assign_TakesOnlyWorkNobodyHasSubmitted(LabelTaskStatus status, bool ok)
    {
        var result = TaskLifecycle.Assign(In(status, "ann"), "bob", Now, Lease);
        Assert.Equal(ok, result.Ok);
        if (ok) Assert.Equal("bob", result.State.LeasedBy);
        else Assert.Contains("submitted", result.Error);
    }

    [Fact]
    public void Assign_KeepsAReturnedTaskReturned_AndLeasesTheRest()
    {
        Assert.Equal(new TaskLeaseState(LabelTaskStatus.Returned, "bob", null), TaskLifecycle.Assign(In(LabelTaskStatus.Returned, "ann"), "bob", Now, Lease).State);
        Assert.Equal(new TaskLeaseState(LabelTaskStatus.Leased, "bob", Now + Lease), TaskLifecycle.Assign(In(LabelTaskStatus.Ready), "bob", Now, Lease).State);
    }

    [Theory]
    [InlineData(LabelTaskStatus.Ready, false)]
    [InlineData(LabelTaskStatus.Leased, false)]
    [InlineData(LabelTaskStatus.Returned, false)]
    [InlineData(LabelTaskStatus.Submitted, true)]
    [InlineData(LabelTaskStatus.InReview, true)]
    [InlineData(LabelTaskStatus.Accepted, true)]
    public void ReturnByLead_TakesSubmittedWork(LabelTaskStatus status, bool ok)
    {
        var result = TaskLifecycle.ReturnByLead(In(status), "ann");
        Assert.Equal(ok, result.Ok);
        if (ok) Assert.Equal(new TaskLeaseState(LabelTaskStatus.Returned, "ann", null), result.State);
    }

    [Theory]
    [InlineData(LabelTaskStatus.Ready, false)]
    [InlineData(LabelTaskStatus.Leased, false)]
    [InlineData(LabelTaskStatus.Returned, false)]
    [InlineData(LabelTaskStatus.Submitted, true)]
    [InlineData(LabelTaskStatus.InReview, false)]
    [InlineData(LabelTaskStatus.Accepted, true)]
    public void SendToReviewByLead_TakesSubmittedOrAcceptedWork(LabelTaskStatus status, bool ok)
    {
        var result = TaskLifecycle.SendToReviewByLead(In(status));
        Assert.Equal(ok, result.Ok);
        Assert.Equal(ok ? LabelTaskStatus.InReview : status, result.State.Status);
    }
}
