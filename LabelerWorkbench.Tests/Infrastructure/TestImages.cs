using SkiaSharp;

namespace LabelerWorkbench.Tests.Infrastructure;

/// <summary>Images made on the spot: distinct valid PNGs, and files that only look like images.</summary>
public static class TestImages
{
    public static byte[] Png(int width, int height, int seed)
    {
        // Noise, so every seed gives a different file and the compressed data is not tiny.
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(seed);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A PNG cut off half way: the header is fine, the pixel data is not.</summary>
    public static byte[] TruncatedPng()
    {
        var whole = Png(400, 300, 7);
        return whole[..(whole.Length / 2)];
    }

    /// <summary>
    /// A 96 × 64 progressive JPEG (made once with libjpeg-turbo's <c>cjpeg -progressive -quality 85</c>; SkiaSharp
    /// encodes only baseline JPEGs).
    /// </summary>
    public static byte[] ProgressiveJpeg() => Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAUDBAQEAwUEBAQFBQUGBwwIBwcHBw8LCwkMEQ8SEhEPERETFhwXExQaFRERGCEYGh0dHx8fExciJCIeJBweHx7/2wBDAQUFBQcGBw4ICA4eFBEUHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh7/wgARCABAAGADASIAAhEBAxEB/8QAGQABAQEBAQEAAAAAAAAAAAAABAMCBQEH/8QAGgEBAQEAAwEAAAAAAAAAAAAABAMCAAEHBv/aAAwDAQACEAMQAAAB+V7XT6iBaIvlo6JrFptM1hhqorlptq3lnCqndfNi1RaLS6XuTTUVubDaTU7jUVTjOBVW6+bH0veWGoncmw9XqLTVTSTSUXuTeFRNLeanonfbDaZuDTbXTpo6osZpdqrhv//EABkQAAMBAQEAAAAAAAAAAAAAAAABAhIRIf/aAAgBAQABBQJSxIwc9SMnF3IpFApMGRSKRSJeJCXTHSY48EoUCk4Z9UnDIpFIpFJMik4KTJlMUGRLyV4pOecFBMGSZEhT7gUik57wUinzPuWKRSKTPEpRwUmfc+5EvJRlCkUmRTwU8FIoFIp6sdaQpM+pCjr4Y8wJHDjP/8QAFhEBAQEAAAAAAAAAAAAAAAAAAgAD/9oACAEDAQE/Ac3BwVm4ODgoOzUHBQcHBwVmoKDgoKzcHB2bv//EACcRAAECBQMCBwAAAAAAAAAAAAEAAgMRITHwEhNBIlFScYGhsdHh/9oACAECAQE/AXkh2maY+dlug3NFEeSKLcOmZGZwi/U2lczhGKBY/eZ3WslxIUSKSOo55rW2YRjA+mV5WsUANk5+hshxmeyMS0jl0YtOoKLFtVbjqz7okC63XNcJ2CMXkp7pyARPg4+E2IJ9WZ+IxGmYK//EACAQAAIBBAIDAQAAAAAAAAAAABARAAEgITFBUTBhcYH/2gAIAQEABj8C0GeR9jmqHB7imbPc0rMxjRzbo4pbTmdjuZlR+RuM0soV4Hz8OihxblRD2XuKz//EACMQAAICAgICAgMBAAAAAAAAAAERACExQVFhcYGRobHB0fD/2gAIAQEAAT8hSB9BOEsQNp/IDKN9qBxhbBgfl+oFTXhwMWjCDQnliAqx4g6LUBV+HDX6XGZvRCg39KMDsDxAgCwOsxIBtqo8iO3LAwXLDZ0BEoGsJaAERIsFuoE2RAbodpwgC9MSwIhm4Ev7G4DIQ+MTo3OMejA4C/ib7FMSn+xZyL1FdpHuBpW0BqB0c+ILv4hgMkDKvPcOzCdOVrAcaeCYHFXaDbDmdBDXuASFOFAR8smNTRHEMM/7uNtmABoRXcImA91HMEu7ndbdxdBxLfECSIFgQIyPZjvLD5gqC3bmIICoMDChBmAtTSHxBUs1+IVg60HAg8viDOPQI3ATYypYRweSb9CUFPwJTp+40DL6gYYKdwLFYjS1hcwNEix4qCBLDUIc5A5zLUhGNg8TSPTiaQQXowbG5SWqZc5jGIKgmv1BqDsBGVFAV9uMAMn6m4k53P/aAAwDAQACAAMAAAAQLa4X49gogDYo4e2Em8Zd7e1A/8QAGhEAAgMBAQAAAAAAAAAAAAAAAAEQESFRQf/aAAgBAwEBPxDCyiPobYypncyQnwdUfYucXNxryNbR5lB3GeDMP//EAB8RAQEAAgMBAQEBAQAAAAAAAAERITEAQVFhcYGRsf/aAAgBAgEBPxCYMfrv8aYwMKwICZDFR2g7hMxu8LMLhII4AwF6DMzG/Bl+EHiJdzqTOBLn8AxnETICFvTob/cp20jgeCER25Cgf6sgRmQ1xTFssPQrImbgP6OXMcR2Hf8AuaGprvxCwwvQe4ZD8VPI3vVYIuimpveU33iKLwGs7HrkAiaJ6mHyqFJ0f51MZyfT02Ob6QurjeZlN7UQ8Qib8rVnbEy97XvPJNJNre+j9G9da3wdq33v26f9Hu4XllKCMo+mcufYBcQOAOxUdOIRM7CJr9Hi6fQUYucraLYbuCcA+2Pmm7Li418JBlbVw/8AI0wmmXvoeAz9MbMsZb3pJu+NkESOe3SZ+x/Hw8tBYZoQuKt6PL7QvP/EACUQAQACAgEDBAMBAQAAAAAAAAERIQAxQVFhcYGRofCxwdHh8f/aAAgBAQABPxBIIQSxC+PLb2xJOgkkgquveNYMBBVZChbbqfMY+SDDKk6Iu5vDtqIIBE8e77Y0RkWqPl3v37YYg7WrcyX/AH+YQU1uFRLk6+fOUZpBW+fnp8YskkCosUqY9/OIVktu2F68kS+3qwtEqiREQVGv93j0UC6RNR+xwLTi7B08pIQPvgRDpECbWqsndefGHc0DuA8/Y/OUAIVLl29X7BPwmQJVFeZjFlDcI9b3dxeCYZSlXA9E8YlYIBqRca3gERAtMTRVcavJKETCXtkOmBApmxE+XeucHXEk2zJzu/jhwxNgrk33319+2DMEJk3WNzvn44wgB4EJpaeej/chgIYVC+6GOk2euJI1Rbc88frUZWJFSBS8zqunLvIJZblpIdx9j85MgwYbZSwvvX8MkRIMgmqsr150400EFUYa30rn57YhQigQsrXXpOChMBthPX8fIYCUVhRIj5L6fnHCMqAovR7X2dvOaxUUD554nxjdRnQiz3efZ9kYJS8Np1/Hr4zTIFIgC43/AHHGeHqVJslvn84E93iGl50VUPvi8tAiRQeuzDGBCMglbj3jrWVbcFQSbl1e/GEdwk7N6358fgCPIIHOutVOI6GFLHsP3p5wQskWseko9JyDiz6GfK8X93LUlU6MwHftz1zkFCeQ7Pv+ecpIrhONHWGQpxMWRoAmuj0r4cKjAEIGuxrHQQQEAI457/3piYWTIFM9mON9MGiCSMQc0/rv3xqDakI4cnr39MSqWUaGSPPf64iB0XpM3e4jBNCLASQxLcH65woyFEREFM74q+xnSKmtFYordGS2lpXlEvyFReQ1IoVt5h9fM5O4gPcBNbv6OOCZFlBkT93WDaqkjw8aeYg+uR1JoYG7X5yVoMCiKxO3nXz1wYhURgL5K8fOLLa0On2G8IgoMShlt35jHTvirI68kd+J5xyJyUtHjx9jHQSzBKClW9j7RiKxVQhy95+7yAxCD9Xvti0/AVrfxGAqUlkICianvGNoIqQXzG/k7ZL2qEaHP79cNBaWjZCxNf8ANRiSJWzDpLBddveM13UVpOi+3TpgwWlMIiYQYOsz2woibBGzsOya8e7DClhBZ+PvjFkg1Dx0O5r1MUTiSJUj25rVbxOzBET3S/Ee+BwTZ7H04mPrn//Z");

    public static byte[] NotAnImage() => "<html><script>alert(1)</script></html>"u8.ToArray();
}
