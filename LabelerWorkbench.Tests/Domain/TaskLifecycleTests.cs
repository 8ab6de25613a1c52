
namespace LabelerWorkbench.Tests.Domain;

public class TaskLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);
    private static readonly TaskLeaseState Ready = new(LabelTaskStatus.Ready, null, null);

    [Fact]
    public void Lease_OfReadyTask_GivesItToTheUserUntilExpiry()
    {
        var result = TaskLifecycle.Lease(Ready, "ann", Now, Lease);
        Assert.True(result.Ok);
        Assert.Equal(new TaskLeaseState(LabelTaskStatus.Leased, "ann", Now + Lease), result.State);
    }

    [Fact]
    public void Lease_HeldBySomeoneElse_IsRefusedUntilItExpires()
    {
        var held = TaskLifecycle.Lease(Ready, "ann", Now, Lease).State;
        var refused = TaskLifecycle.Lease(held, "bob", Now + Lease - TimeSpan.FromSeconds(1), Lease);
        Assert.False(refused.Ok);
        Assert.Contains("someone else", refused.Error);

        var taken = TaskLifecycle.Lease(held, "bob", Now + Lease, Lease);
        Assert.True(taken.Ok);
        Assert.Equal("bob", taken.State.LeasedBy);
    }

    [Fact]
    public void IsLeasable_FollowsStatusAndExpiry()
    {
        var held = new TaskLeaseState(LabelTaskStatus.Leased, "ann", Now + Lease);
        Assert.True(TaskLifecycle.IsLeasable(Ready, Now));
        Assert.False(TaskLifecycle.IsLeasable(held, Now));
        Assert.True(TaskLifecycle.IsLeasable(held, Now + Lease));
        Assert.False(TaskLifecycle.IsLeasable(new(LabelTaskStatus.Submitted, null, null), Now));
        Assert.False(TaskLifecycle.IsLeasable(new(LabelTaskStatus.Accepted, null, null), Now));
    }

    [Fact]
    public void Renew_ExtendsOwnLease_EvenAfterExpiry_WhileNobodyElseTookIt()
    {
        var held = new TaskLeaseState(LabelTaskStatus.Leased, "ann", Now);
        var renewed = TaskLifecycle.Renew(held, "ann", Now + TimeSpan.FromHours(1), Lease);
        Assert.True(renewed.Ok);
        Assert.Equal(Now + TimeSpan.FromHours(1) + Lease, renewed.State.LeaseExpiresAt);
    }

    [Fact]
    public void Renew_And_Submit_FailForAUserWhoLostTheLease()
    {
        var takenByBob = new TaskLeaseState(LabelTaskStatus.Leased, "bob", Now + Lease);
        Assert.False(TaskLifecycle.Renew(takenByBob, "ann", Now, Lease).Ok);
        var submit = TaskLifecycle.Submit(takenByBob, "ann");
        Assert.False(submit.Ok);
        Assert.Contains("another labeler", submit.Error);
        Assert.False(TaskLifecycle.Submit(Ready, "ann").Ok);
    }

    [Fact]
    public void Submit_ByHolder_EndsTheLease()
    {
        var held = new TaskLeaseState(LabelTaskStatus.Leased, "ann", Now + Lease);
        var submitted = TaskLifecycle.Submit(held, "ann");
        Assert.True(submitted.Ok);
        Assert.Equal(new TaskLeaseState(LabelTaskStatus.Submitted, null, null), submitted.State);
        Assert.False(TaskLifecycle.Submit(submitted.State, "ann").Ok);
    }

    [Fact]
    public void Release_ReturnsTheTaskToTheQueue()
    {
        var held = new TaskLeaseState(LabelTaskStatus.Leased, "ann", Now + Lease);
        Assert.Equal(Ready, TaskLifecycle.Release(held, "ann").State);
        Assert.False(TaskLifecycle.Release(held, "bob").Ok);
    }

    static TaskLeaseState Submitted => TaskLifecycle.Submit(TaskLifecycle.Lease(Ready, "ann", Now, Lease).State, "ann").State;

    [Fact]
    public void ASubmission_GoesToReview_OrIsAccepted_AndOnlyFromSubmitted()
    {
        Assert.Equal(LabelTaskStatus.Submitted, Submitted.Status);
        Assert.Equal(new TaskLeaseState(LabelTaskStatus.InReview, null, null), TaskLifecycle.SendToReview(Submitted).State);
        Assert.Equal(new TaskLeaseState(LabelTaskStatus.Accepted, null, null), TaskLifecycle.Accept(Submitted).State);
        Assert.False(TaskLifecycle.SendToReview(Ready).Ok);
        Assert.False(TaskLifecycle.Accept(Ready).Ok);
        Assert.Contains("ready", TaskLifecycle.Accept(Ready).Error);
    }

    [Fact]
    public void AReviewer_AcceptsOrReturns_AndAReturnedTask_GoesBackToItsLabelerOnly()
    {
        var inReview = TaskLifecycle.SendToReview(Submitted).State;
        Assert.Equal(LabelTaskStatus.Accepted, TaskLifecycle.Accept(inReview).State.Status);
        var returned = TaskLifecycle.Return(inReview, "ann").State;
        Assert.Equal(new TaskLeaseState(LabelTaskStatus.Returned, "ann", null), returned);
        Assert.False(TaskLifecycle.Lease(returned, "bob", Now, Lease).Ok);
        Assert.Equal(LabelTaskStatus.Leased, TaskLifecycle.Lease(returned, "ann", Now, Lease).State.Status);
        Assert.False(TaskLifecycle.Return(Submitted, "ann").Ok);
        Assert.Contains("accepted", TaskLifecycle.Return(TaskLifecycle.Accept(inReview).State, "ann").Error);
    }

    [Fact]
    public void AnImportedAnswer_AcceptsAReadyTask_ButNotOneBeingWorkedOn_AndOnlyAcceptedTasksBecomeGold()
    {
        Assert.Equal(LabelTaskStatus.Accepted, TaskLifecycle.ImportAnswer(Ready).State.Status);
        Assert.True(TaskLifecycle.ImportAnswer(TaskLifecycle.Accept(Submitted).State).Ok);
        var leased = TaskLifecycle.Lease(Ready, "ann", Now, Lease).State;
        Assert.False(TaskLifecycle.ImportAnswer(leased).Ok);
        Assert.False(TaskLifecycle.ImportAnswer(TaskLifecycle.SendToReview(Submitted).State).Ok);
        Assert.False(TaskLifecycle.MakeGold(Ready).Ok);
        var accepted = TaskLifecycle.Accept(Submitted).State;
        Assert.Equal(accepted, TaskLifecycle.MakeGold(accepted).State);
        Assert.Equal(new TaskLeaseState(LabelTaskStatus.Leased, "ann", Now + Lease), TaskLifecycle.NewGoldCopy("ann", Now, Lease));
    }
}
