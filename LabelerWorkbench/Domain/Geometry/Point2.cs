namespace LabelerWorkbench.Domain.Geometry;

/// <summary>A point in image pixel coordinates (x to the right, y down).</summary>
public readonly record struct Point2(double X, double Y)
{
    public static Point2 operator -(Point2 a, Point2 b) => new(a.X - b.X, a.Y - b.Y);
    public static Point2 operator +(Point2 a, Point2 b) => new(a.X + b.X, a.Y + b.Y);
    public static Point2 operator *(Point2 a, double s) => new(a.X * s, a.Y * s);

    public static double Cross(Point2 a, Point2 b) => a.X * b.Y - a.Y * b.X;

    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y);
}

/// <summary>An axis-aligned rectangle; <see cref="Width"/> and <see cref="Height"/> are never negative.</summary>
public readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
    public double Area => Width * Height;

    public static Box FromCorners(Point2 a, Point2 b) =>
        new(Math.Min(a.X, b.X), Math.Min(a.Y, b.Y), Math.Abs(a.X - b.X), Math.Abs(a.Y - b.Y));

    public IReadOnlyList<Point2> Corners() =>
        [new(X, Y), new(Right, Y), new(Right, Bottom), new(X, Bottom)];

    public Box Intersect(Box other)
    {
        var x1 = Math.Max(X, other.X);
        var y1 = Math.Max(Y, other.Y);
        var x2 = Math.Min(Right, other.Right);
        var y2 = Math.Min(Bottom, other.Bottom);
        return x2 <= x1 || y2 <= y1 ? default : new Box(x1, y1, x2 - x1, y2 - y1);
    }

    public static double IoU(Box a, Box b)
    {
        var inter = a.Intersect(b).Area;
        var union = a.Area + b.Area - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
