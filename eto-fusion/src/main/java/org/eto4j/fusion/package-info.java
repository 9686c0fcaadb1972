/**
 * Fusion of gridded and reanalysis weather for FAO-56 ETo: corrected, fused inputs with their error variances and a
 * fused ETo with a predictive distribution, under an explicit, serialisable error model.
 *
 * <ul>
 * <li>{@link org.eto4j.fusion.EtoFusion} fuses aligned {@link org.eto4j.fusion.SourceSeries} of two or more sources
 *     into a {@link org.eto4j.fusion.FusedSeries} (values, variances, ETo mean, quantiles, {@link
 *     org.eto4j.fusion.FusionFlag flags}).</li>
 * <li>{@link org.eto4j.fusion.FusionCalibration} is the error model with its {@link org.eto4j.fusion.Provenance};
 *     JSON in and out; {@code FusionCalibration.named("matopiba")} is shipped.</li>
 * <li>{@link org.eto4j.fusion.FusionCalibrator} fits one from {@link org.eto4j.fusion.CalibrationSite}s.</li>
 * <li>Errors are {@link org.eto4j.fusion.FusionException} with a stable {@link org.eto4j.fusion.FusionErrorCode}.</li>
 * </ul>
 *
 * <p>References: Allen, R.G., Pereira, L.S., Raes, D., Smith, M. (1998) Crop evapotranspiration, FAO Irrigation and
 * Drainage Paper 56 (eq. 6, 19, 37, 47); Bates, J.M., Granger, C.W.J. (1969) The combination of forecasts, Oper.
 * Res. Q. 20(4):451–468; Aitken, A.C. (1935) On least squares and linear combination of observations, Proc. R. Soc.
 * Edinb. 55:42–48; Kalman, R.E. (1960) A new approach to linear filtering and prediction problems, J. Basic Eng.
 * 82:35–45; Leander, R., Buishand, T.A. (2007) Resampling of regional climate model output for the simulation of
 * extreme river flows, J. Hydrol. 332:487–496 (mean and variance scaling); Levenberg, K. (1944) Q. Appl. Math.
 * 2:164–168; Marquardt, D.W. (1963) J. SIAM 11(2):431–441; Gupta, H.V., Kling, H., Yilmaz, K.K., Martinez, G.F.
 * (2009) J. Hydrol. 377:80–91 (KGE, used in the validation).
 */
package org.eto4j.fusion;
