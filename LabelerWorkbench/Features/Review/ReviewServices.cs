namespace LabelerWorkbench.Features.Review;

public static class ReviewServices
{
    public static IServiceCollection AddReview(this IServiceCollection services) => services.AddSingleton<ReviewService>();
}
