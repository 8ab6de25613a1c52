namespace LabelerWorkbench.Features.Comments;

public static class CommentServices
{
    public static IServiceCollection AddComments(this IServiceCollection services) => services.AddSingleton<RegionCommentService>();
}
